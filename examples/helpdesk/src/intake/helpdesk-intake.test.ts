import {
  createManualClock,
  createTicket,
  createTicketLifecycle,
  type TicketStatus,
} from '@guardloop/core';
import {
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  createSeededRandom,
} from '@guardloop/feedback';
import { evaluateTicketSla } from '@guardloop/intake';
import { describe, expect, it } from 'vitest';
import { createHelpdeskStore } from '../app/helpdesk-store';
import { createCustomerDirectory } from '../simulation/tickets/customer-directory';
import { generateTicketStream } from '../simulation/tickets/generate-ticket-stream';
import { createHelpdeskIntake } from './helpdesk-intake';
import { helpdeskSlaPolicies } from './helpdesk-sla-policies';
import { intakePathOf } from './intake-paths';
import { ticketSlaHistory } from './ticket-sla-history';

const hour = 3_600_000;
const start = Date.UTC(2030, 2, 4);

function setUp() {
  const customers = createCustomerDirectory(createSeededRandom(3));
  const tickets = generateTicketStream({
    seed: 3,
    start,
    days: 2,
    ticketsPerDay: 16,
    customers,
    outageDay: 1,
    outageReports: 2,
  });
  const clock = createManualClock(start);
  const store = createHelpdeskStore(customers);
  const feedbackStore = createMemoryFeedbackStore();
  const recorder = createOutcomeRecorder({ store: feedbackStore, clock });
  const intake = createHelpdeskIntake({ clock, store, recorder });
  return { tickets, clock, store, feedbackStore, recorder, intake };
}

/** A ticket opened now, triaged and worked at once, resolved `resolveAfterMs` later. */
async function resolvedTicket(
  store: ReturnType<typeof createHelpdeskStore>,
  clock: ReturnType<typeof createManualClock>,
  id: string,
  resolveAfterMs = 0,
) {
  const lifecycle = createTicketLifecycle({ clock });
  let ticket = createTicket({ id, subject: 's', traceId: `trace-${id}` }, { clock });
  const path: TicketStatus[] = ['triaged', 'in_progress'];
  for (const status of path) ticket = (await lifecycle.transition(ticket, status)).ticket;
  clock.advance(resolveAfterMs);
  ticket = (await lifecycle.transition(ticket, 'resolved')).ticket;
  store.saveTicket(ticket);
  return ticket;
}

describe('the help desk front door', () => {
  it('reads every ticket back unchanged through mail, both webhooks and the form', async () => {
    const { tickets, intake } = setUp();
    const paths = new Set<string>();
    for (const event of tickets) {
      const admitted = await intake.admit(event);
      expect(admitted, event.id).toBeDefined();
      if (!admitted) continue;
      paths.add(admitted.path);
      // What the classifier and the fingerprint read must not change on the way in.
      expect(admitted.ticket.subject).toBe(event.subject);
      expect(admitted.ticket.body).toBe(event.body);
      expect(admitted.ticket).not.toHaveProperty('truth');
      expect(admitted.fields.priority).toMatch(/^p[1-4]$/);
      expect(['enterprise', 'business', 'pro']).toContain(admitted.fields.segment);
      expect(['email', 'web', 'status_widget']).toContain(admitted.fields.channel);
    }
    expect([...paths].sort()).toEqual(['email', 'freshdesk', 'web_form', 'zendesk']);
    expect(intake.rejections).toEqual([]);
    expect(intake.taxonomy.unknownReport().counts).toEqual([]);
  });

  it('explains the priority: an outage report from the status widget is urgent', async () => {
    const { tickets, intake } = setUp();
    const report = tickets.find((event) => event.channel === 'status-widget');
    const admitted = report && (await intake.admit(report));
    expect(admitted?.path).toBe('web_form');
    expect(['p1', 'p2']).toContain(admitted?.priority.priority);
    expect(admitted?.priority.factors.map((factor) => factor.kind)).toContain('matrix');
  });

  it('reopens a resolved mailed ticket when the customer answers by mail', async () => {
    const { tickets, intake, store, clock } = setUp();
    const mailed = tickets.find((event) => intakePathOf(event) === 'email');
    const webbed = tickets.find((event) => intakePathOf(event) === 'web_form');
    if (!mailed || !webbed) throw new Error('The slice has no mailed or form ticket.');
    await intake.admit(mailed);
    await intake.admit(webbed);
    await resolvedTicket(store, clock, mailed.id);
    clock.advance(hour);
    const reply = await intake.replyByEmail(
      mailed.id,
      'The reset link expired before I could use it',
    );
    expect(reply).toEqual({
      handled: true,
      reopened: true,
      reason: 'The reset link expired before I could use it',
    });
    expect(store.ticket(mailed.id)).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    expect(intake.counters.reopenedByEmail).toBe(1);
    // A form ticket has no mail thread: the caller reopens it its own way.
    expect(await intake.replyByEmail(webbed.id, 'Still broken')).toEqual({ handled: false });
  });

  it('records a CSAT answer on the ticket trace once, however often the survey resends it', async () => {
    const { intake, store, clock, feedbackStore, recorder } = setUp();
    await resolvedTicket(store, clock, 'T-9001');
    await recorder.record({
      type: 'decision',
      traceId: 'trace-T-9001',
      ticketId: 'T-9001',
      verdict: 'allow',
    });
    const answer = { responseId: 'survey-T-9001', ticketId: 'T-9001', score: 4 };
    expect(await intake.csat.handle(answer)).toMatchObject({
      status: 'recorded',
      traceId: 'trace-T-9001',
    });
    expect((await intake.csat.handle(answer)).status).toBe('duplicate');
    expect(await feedbackStore.getOutcome('csat:survey-T-9001')).toMatchObject({ score: 4 });
  });

  it('measures first response and resolution against the policy of the ticket priority', async () => {
    const { store, clock } = setUp();
    const ticket = await resolvedTicket(store, clock, 'T-9002', 5 * hour);
    const replied = { id: 'm', ticketId: 'T-9002', to: 'x', text: 'hi', recalled: false };
    const history = ticketSlaHistory(ticket, { priority: 'p1', segment: 'pro' }, [
      { ...replied, queuedAt: ticket.createdAt + 3 * hour },
      { ...replied, queuedAt: ticket.createdAt + hour, recalled: true },
    ]);
    const evaluation = evaluateTicketSla(history, helpdeskSlaPolicies, {
      now: ticket.createdAt + 10 * hour,
    });
    expect(evaluation.policyId).toBe('standard');
    const firstResponse = evaluation.metrics.find((metric) => metric.metric === 'first_response');
    // The recalled reply never reached the customer: the one three hours in is late for p1.
    expect(firstResponse).toMatchObject({ status: 'missed', lateMs: hour });
  });
});
