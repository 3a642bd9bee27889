import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Reviewer } from '../../app/reviewers';
import type { ConsoleEnv } from '../console-env';
import { HttpError } from '../http-errors';
import { layout } from '../layout';
import { signInPage } from '../pages/sign-in-page';
import { parseForm } from '../parse-request';
import type { Sessions } from '../session';

const signInSchema = z.object({
  reviewerId: z.string().min(1).max(64),
  passcode: z.string().min(1).max(200),
  csrf: z.string().min(1),
});

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function registerSignIn(
  app: Hono<ConsoleEnv>,
  { sessions, reviewers }: { sessions: Sessions; reviewers: Reviewer[] },
) {
  app.get('/sign-in', async (context) =>
    context.html(
      layout({ title: 'Sign in' }, signInPage(reviewers, await sessions.signInToken(context))),
    ),
  );
  app.post('/sign-in', async (context) => {
    const form = parseForm(signInSchema, await context.req.parseBody());
    if (!(await sessions.checkSignInToken(context, form.csrf)))
      throw new HttpError(403, 'Missing or wrong CSRF token.');
    const reviewer = reviewers.find((candidate) => candidate.id === form.reviewerId);
    if (!reviewer || !same(reviewer.passcode, form.passcode))
      return context.html(
        layout(
          { title: 'Sign in' },
          signInPage(reviewers, await sessions.signInToken(context), true),
        ),
        401,
      );
    await sessions.start(context, reviewer.id);
    return context.redirect('/inbox', 303);
  });
}
