import { assessMaturity } from '@guardloop/feedback';
import { buildSpanWaterfall } from '@guardloop/otel';
import type { UndoLogRecord } from '@guardloop/undo-log';
import type { Hono } from 'hono';
import { z } from 'zod';
import { autonomySlo } from '../../app/console-services';
import { deskMaturityConfiguration } from '../../app/desk-maturity';
import { describeTicketEffects } from '../../app/desk-state';
import { reviewerActor } from '../../app/reviewers';
import { undoAutonomousAction } from '../../app/supervisor-decisions';
import type { ConsoleEnv } from '../console-env';
import type { ConsoleAppOptions } from '../create-console-app';
import { HttpError } from '../http-errors';
import { layout } from '../layout';
import { actionsPage } from '../pages/actions-page';
import { healthPage } from '../pages/health-page';
import { ticketPage } from '../pages/ticket-page';
import { parseForm, parseId } from '../parse-request';

const undoSchema = z.object({ reason: z.string().trim().min(1, 'A reason is required').max(2000) });
const dayMs = 86_400_000;

/** Actions (undo), Health and Ticket pages. */
export function registerOtherRoutes(
  app: Hono<ConsoleEnv>,
  { services, simulation }: ConsoleAppOptions,
) {
  const { undoLog, clock, feedback, tracker, kpis, inbox, desk } = services;
  const frame = (title: string, context: { get: (key: 'reviewer' | 'csrfToken') => unknown }) => ({
    title,
    reviewer: context.get('reviewer') as never,
    csrfToken: context.get('csrfToken') as string,
  });

  app.get('/actions', async (context) => {
    const tickets = simulation.tickets.list().slice(0, 200);
    const records: UndoLogRecord[] = [];
    for (const ticket of tickets) records.push(...(await undoLog.listTrace(ticket.ticket.id)));
    const sagas = tickets.filter((ticket) => ticket.route === 'saga');
    return context.html(
      layout(
        frame('Actions', context),
        actionsPage({ records, sagas, csrfToken: context.get('csrfToken') }),
      ),
    );
  });

  app.post('/actions/:id/undo', async (context) => {
    const id = parseId(context.req.param('id'));
    const form = parseForm(undoSchema, await context.req.parseBody());
    const reviewer = context.get('reviewer');
    await undoAutonomousAction(services, id, reviewerActor(reviewer), form.reason);
    await simulation.health.sample();
    return context.redirect('/actions', 303);
  });

  app.get('/health', async (context) => {
    const now = clock.now();
    const today = Math.floor(now / dayMs) * dayMs;
    const comparison = await kpis.compareKpis(
      { from: today - dayMs, to: today },
      { from: today, to: now + 1 },
    );
    const status = await tracker.status(autonomySlo);
    const configuration = deskMaturityConfiguration(services.rails);
    const maturityOf = (range: { from: number; to: number }) =>
      assessMaturity({ store: feedback.store, configuration, range });
    const maturity = {
      baseline: await maturityOf({ from: today - dayMs, to: today }),
      current: await maturityOf({ from: today, to: now + 1 }),
    };
    return context.html(
      layout(
        {
          ...frame('Health', context),
          scripts: ['/assets/uplot.js'],
          styles: ['/assets/uplot.css'],
        },
        healthPage({
          samples: simulation.health.samples(),
          comparison,
          autonomy: status.autonomy,
          budgetRemaining: status.budgetRemaining,
          maturity,
        }),
      ),
    );
  });

  app.get('/tickets/:id', async (context) => {
    const id = parseId(context.req.param('id'));
    const ticket = simulation.tickets.get(id);
    if (!ticket) throw new HttpError(404, `No ticket ${id}.`);
    const item = ticket.escalationId ? await inbox.get(ticket.escalationId) : undefined;
    const records = await undoLog.listTrace(id);
    const outcomes = (await feedback.store.listOutcomes({ traceId: id, limit: 200 })).items;
    return context.html(
      layout(
        frame(`Ticket ${id}`, context),
        ticketPage({
          ticket,
          item,
          records,
          outcomes,
          effects: describeTicketEffects(desk, id, ticket.ticket.accountId),
          sla: await services.ticketSla.evaluate(id),
          slaAlerts: services.ticketSla.alertsOf(id),
          waterfall: buildSpanWaterfall(services.telemetry.spans(), { traceId: id }),
          now: clock.now(),
        }),
      ),
    );
  });
}
