import type { InboxItem } from '@guardloop/inbox';
import type { TicketSlaEvaluation } from '@guardloop/intake';
import type { Hono } from 'hono';
import { z } from 'zod';
import { type Reviewer, reviewerActor } from '../../app/reviewers';
import { rejectEscalation } from '../../app/supervisor-decisions';
import type { ConsoleEnv } from '../console-env';
import type { ConsoleAppOptions } from '../create-console-app';
import { HttpError } from '../http-errors';
import { readInputFields } from '../input-form';
import { layout } from '../layout';
import { inboxPage } from '../pages/inbox-page';
import { itemPage } from '../pages/item-page';
import { parseForm, parseId } from '../parse-request';

const note = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((value) => (value ? value : undefined));
const approveSchema = z.object({
  note,
  inputHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
const editSchema = z.object({ note }).loose();
const rejectSchema = z.object({
  reason: z.string().trim().min(1, 'A reason is required').max(2000),
});

type Options = ConsoleAppOptions & {
  refusalFor: (reviewer: Reviewer, item: InboxItem) => string | undefined;
};

/** Inbox pages and decisions: every decision goes through the inbox, its authority and rails. */
export function registerInboxRoutes(app: Hono<ConsoleEnv>, { services, refusalFor }: Options) {
  const { inbox, clock } = services;
  const page = (title: string, context: { get: (key: 'reviewer' | 'csrfToken') => unknown }) => ({
    title,
    reviewer: context.get('reviewer') as Reviewer,
    csrfToken: context.get('csrfToken') as string,
  });

  app.get('/inbox', async (context) => {
    const items: InboxItem[] = [];
    let cursor: string | undefined;
    do {
      const found = await inbox.list({
        status: 'pending',
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...found.items);
      cursor = found.nextCursor ?? undefined;
    } while (cursor);
    const ticketSla = new Map<string, TicketSlaEvaluation>();
    for (const item of items) {
      const evaluation = await services.ticketSla.evaluate(item.traceId);
      if (evaluation) ticketSla.set(item.traceId, evaluation);
    }
    return context.html(layout(page('Inbox', context), inboxPage(items, clock.now(), ticketSla)));
  });

  app.get('/inbox/:id', async (context) => {
    const item = await inbox.get(parseId(context.req.param('id')));
    const reviewer = context.get('reviewer');
    const refusal = refusalFor(reviewer, item);
    const inputSchema = item.action
      ? services.actions.list.find((action) => action.name === item.action?.name)?.input
      : undefined;
    return context.html(
      layout(
        page(`Escalation ${item.traceId}`, context),
        itemPage({
          item,
          now: clock.now(),
          csrfToken: context.get('csrfToken'),
          mayDecide: refusal === undefined,
          refusal,
          inputSchema,
        }),
      ),
    );
  });

  app.post('/inbox/:id/claim', async (context) => {
    const id = parseId(context.req.param('id'));
    await inbox.claim(id, {
      reviewer: reviewerActor(context.get('reviewer')),
      leaseMs: 15 * 60_000,
    });
    return context.redirect(`/inbox/${id}`, 303);
  });

  app.post('/inbox/:id/approve', async (context) => {
    const id = parseId(context.req.param('id'));
    const form = parseForm(approveSchema, await context.req.parseBody());
    const approved = await inbox.approve(id, {
      reviewer: reviewerActor(context.get('reviewer')),
      ...(form.note ? { note: form.note } : {}),
      ...(form.inputHash ? { inputHash: form.inputHash } : {}),
    });
    await services.ticketSla.resolved(approved.traceId);
    return context.redirect(`/inbox/${id}`, 303);
  });

  app.post('/inbox/:id/approve-with-edits', async (context) => {
    const id = parseId(context.req.param('id'));
    const body = await context.req.parseBody();
    const form = parseForm(editSchema, body);
    const item = await inbox.get(id);
    const action = services.actions.list.find((candidate) => candidate.name === item.action?.name);
    if (!item.action || !action) throw new HttpError(400, 'This escalation has no action to edit.');
    const input = readInputFields(action.input, body, item.action.input as Record<string, unknown>);
    await inbox.approveWithEdits(id, {
      reviewer: reviewerActor(context.get('reviewer')),
      input,
      ...(form.note ? { note: form.note } : {}),
    });
    await services.ticketSla.resolved(item.traceId);
    return context.redirect(`/inbox/${id}`, 303);
  });

  app.post('/inbox/:id/reject', async (context) => {
    const id = parseId(context.req.param('id'));
    const form = parseForm(rejectSchema, await context.req.parseBody());
    const reviewer = context.get('reviewer');
    const rejected = await rejectEscalation(services, id, reviewerActor(reviewer), form.reason);
    await services.ticketSla.resolved(rejected.traceId);
    return context.redirect(`/inbox/${id}`, 303);
  });
}
