import { PGlite } from '@electric-sql/pglite';
import { createManualClock, createTicket, createTicketLifecycle } from '@guardloop/core';
import {
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  createSeededRandom,
} from '@guardloop/feedback';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createHelpdeskStore } from '../app/helpdesk-store';
import { createCustomerDirectory } from '../simulation/tickets/customer-directory';
import type { AdmittedTicket } from './helpdesk-intake';
import { createLiveTicketSla, slaEscalationQueue } from './live-ticket-sla';

const hour = 3_600_000;
const start = Date.UTC(2030, 2, 4);

describe('the live ticket SLA clocks of the demo', () => {
  // A database per test: the monitor claims every due ticket of its store.
  const databases: PGlite[] = [];
  afterAll(async () => {
    for (const database of databases) await database.close();
  });

  async function setUp() {
    const database = new PGlite();
    databases.push(database);
    const client = createPgliteClient(database);
    await migrate(client);
    const clock = createManualClock(start);
    const store = createHelpdeskStore(createCustomerDirectory(createSeededRandom(3)));
    const feedbackStore = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store: feedbackStore, clock });
    const admitted = new Map<string, AdmittedTicket>();
    const live = createLiveTicketSla({ client, clock, store, admitted, recorder });
    const lifecycle = createTicketLifecycle({ clock });
    const open = (id: string, priority: string) => {
      const ticket = createTicket({ id, subject: 's', traceId: `trace-${id}` }, { clock });
      store.saveTicket(ticket);
      const fields = { priority, segment: 'enterprise' };
      admitted.set(id, { ticket, fields, path: 'web_form' } as unknown as AdmittedTicket);
      return ticket;
    };
    return { clock, store, feedbackStore, live, lifecycle, open };
  }

  it('records a met first response on the ticket trace once the reply leaves the outbox', async () => {
    const { clock, store, feedbackStore, live, open } = await setUp();
    open('T-met', 'p3');
    await live.round();
    clock.advance(hour / 4);
    store.queueMessage({
      ticketId: 'T-met',
      to: 'c@example.com',
      text: 'hi',
      queuedAt: clock.now(),
    });
    clock.advance(hour);
    await live.round();
    const { items } = await feedbackStore.listOutcomes({ types: ['ticket_sla'], limit: 10 });
    expect(items.map((outcome) => outcome.id)).toEqual([
      'ticket_sla:T-met:first_response:1:completed',
    ]);
    expect(items[0]?.traceId).toBe('trace-T-met');
    expect(live.counters.breaches).toBe(0);
    // A second round adds nothing: the outcome ids are stable.
    await live.round();
    expect(live.counters.outcomes).toBe(1);
  });

  it('moves a p1 ticket whose first response breached to the on-call queue and records it', async () => {
    const { clock, store, feedbackStore, live, open } = await setUp();
    open('T-late', 'p1');
    await live.round();
    clock.advance(2 * hour);
    const signals = await live.round();
    expect(signals.map((signal) => signal.payload.alert)).toContain('breach');
    expect(store.queueOf('T-late')).toBe(slaEscalationQueue);
    expect(live.counters.escalated).toBe(1);
    expect(live.breachedTickets.has('T-late')).toBe(true);
    const outcome = await feedbackStore.getOutcome('ticket_sla:T-late:first_response:1:breached');
    expect(outcome).toMatchObject({ traceId: 'trace-T-late' });
  });

  it('ignores tickets filed as duplicates', async () => {
    const { clock, store, feedbackStore, live, open } = await setUp();
    const ticket = open('T-dup', 'p1');
    store.saveTicket({ ...ticket, data: { duplicateOf: 'T-1' } });
    clock.advance(10 * hour);
    await live.round();
    const { items } = await feedbackStore.listOutcomes({ types: ['ticket_sla'], limit: 10 });
    expect(items.filter((item) => item.id.includes('T-dup'))).toEqual([]);
  });
});
