import {
  createManualClock,
  createSequentialIdGenerator,
  createTicket,
  type Ticket,
} from '@guardloop/core';
import { createEmailIntake, type EmailIntakeOptions } from '../create-email-intake';
import type { EmailIntakeTickets, EmailReopenedOutcome } from '../email-intake-dependencies';
import { createMemoryEmailThreadStore } from '../memory-email-thread-store';

/** An intake over memory stores, a manual clock and sequential ids, with its tickets and outcomes visible. */
export function createEmailIntakeHarness(overrides: Partial<EmailIntakeOptions> = {}) {
  const clock = createManualClock(Date.parse('2026-12-01T12:00:00Z'));
  const idGenerator = createSequentialIdGenerator('id');
  const threads = createMemoryEmailThreadStore();
  const ticketMap = new Map<string, Ticket>();
  const tickets: EmailIntakeTickets = {
    get: async (id) => ticketMap.get(id),
    save: async (ticket) => {
      ticketMap.set(ticket.id, ticket);
    },
  };
  const outcomes: EmailReopenedOutcome[] = [];
  const feedback = { record: async (outcome: EmailReopenedOutcome) => outcomes.push(outcome) };
  const intake = createEmailIntake({
    threads,
    tickets,
    feedback,
    clock,
    idGenerator,
    ...overrides,
  });
  /** Stores the ticket a `ticket` result opened, in `status`, as the host would. */
  const openTicket = (ticketId: string, traceId: string, status: Ticket['status'] = 'new') => {
    const ticket = createTicket({ id: ticketId, traceId, subject: 'from email' }, { clock });
    ticketMap.set(ticketId, { ...ticket, status });
  };
  return { intake, clock, threads, ticketMap, outcomes, openTicket };
}
