import { parseInput } from '@guardloop/core';
import { createRbacPolicy } from '@guardloop/deterministic';
import type { InboxItem } from '@guardloop/inbox';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleServices } from '../app/console-services';
import { type Reviewer, reviewerActor, reviewerPolicy } from '../app/reviewers';
import type { LiveSimulation } from '../simulation/live-simulation';
import type { ConsoleEnv } from './console-env';
import { HttpError, toHttpError } from './http-errors';
import { errorBody, layout } from './layout';
import { registerInboxRoutes } from './routes/inbox-routes';
import { registerIntakeRoutes } from './routes/intake-routes';
import { registerOtherRoutes } from './routes/other-routes';
import { registerSignIn } from './routes/sign-in-routes';
import { createSessions } from './session';
import { serveAssets } from './static-assets';

export interface ConsoleAppOptions {
  services: ConsoleServices;
  simulation: LiveSimulation;
  reviewers: Reviewer[];
  /** Signs the session cookies: at least 32 characters. */
  sessionSecret: string;
}

/** The supervisor console: server-rendered pages over the inbox, the undo log and the KPIs. */
export function createConsoleApp(options: ConsoleAppOptions) {
  const { reviewers } = options;
  parseInput(z.string().min(32), options.sessionSecret, 'console session secret');
  const sessions = createSessions(options.sessionSecret);
  const policy = createRbacPolicy(reviewerPolicy);
  const app = new Hono<ConsoleEnv>();

  app.onError((error, context) => {
    const refusal = toHttpError(error);
    if (refusal.status === 500) console.error(error);
    const reviewer = context.get('reviewer');
    return context.html(
      layout(
        { title: `Refused (${refusal.status})`, reviewer, csrfToken: context.get('csrfToken') },
        errorBody(refusal.status, refusal.message, refusal.fieldErrors),
      ),
      refusal.status,
    );
  });
  app.notFound((context) =>
    context.html(layout({ title: 'Not found' }, errorBody(404, 'No such page.', [])), 404),
  );

  serveAssets(app);
  registerSignIn(app, { sessions, reviewers });

  // Everything below needs a session; every POST needs the session's CSRF token too.
  app.use('*', async (context, next) => {
    const session = await sessions.read(context);
    const reviewer = reviewers.find((candidate) => candidate.id === session?.reviewerId);
    if (!session || !reviewer) {
      if (context.req.method === 'GET') return context.redirect('/sign-in', 303);
      throw new HttpError(401, 'Sign in first.');
    }
    context.set('reviewer', reviewer);
    context.set('session', session);
    context.set('csrfToken', sessions.csrfToken(session));
    if (context.req.method === 'POST') {
      const form = await context.req.parseBody();
      if (!sessions.checkCsrf(session, form.csrf))
        throw new HttpError(403, 'Missing or wrong CSRF token.');
    }
    await next();
  });

  /** The inbox's own rule, asked ahead of time so a refused reviewer sees no buttons. */
  const refusalFor = (reviewer: Reviewer, item: InboxItem): string | undefined => {
    if (item.requestedBy?.id === reviewer.id) return 'nobody approves their own request';
    if (item.action === null) return undefined;
    const check = policy.check({
      actor: reviewerActor(reviewer),
      action: item.action.name,
      ...(item.action.resource === null ? {} : { resource: item.action.resource }),
    });
    return check.allowed ? undefined : check.reason;
  };

  app.post('/sign-out', (context) => {
    sessions.end(context);
    return context.redirect('/sign-in', 303);
  });
  app.get('/', (context) => context.redirect('/inbox', 303));
  registerInboxRoutes(app, { ...options, refusalFor });
  // Before the Ticket page's `/tickets/:id`, which would take `new` for an id.
  registerIntakeRoutes(app, options);
  registerOtherRoutes(app, options);
  return app;
}

export type ConsoleApp = ReturnType<typeof createConsoleApp>;
