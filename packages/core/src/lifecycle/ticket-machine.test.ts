import { describe, expect, it } from 'vitest';
import { ticketStatuses } from '../schemas/ticket';
import { createManualClock } from '../utils/clock';
import { createTicket } from './create-ticket';
import { createTicketActor, sendTicketEvent, ticketMachine } from './ticket-machine';
import { ticketTransitions } from './ticket-transitions';

const clock = createManualClock(5_000);
const met = [{ id: 'done', description: 'done', met: true }];

describe('ticketMachine', () => {
  it('has exactly the edges of the transition table', () => {
    const edges = new Set<string>();
    for (const status of ticketStatuses) {
      const node = ticketMachine.states[status];
      for (const [event, transitions] of Object.entries(node?.config.on ?? {})) {
        for (const transition of [transitions].flat()) {
          const target = (transition as { target?: string }).target;
          if (target) edges.add(`${status}-${event}->${target}`);
        }
      }
    }
    expect(edges).toEqual(
      new Set(ticketTransitions.map((edge) => `${edge.from}-${edge.event}->${edge.to}`)),
    );
  });

  it('runs the lifecycle with guards and counts reopens', () => {
    const actor = createTicketActor(createTicket({ external: true }, { clock }));
    sendTicketEvent(actor, { type: 'triage' }, { clock });
    sendTicketEvent(actor, { type: 'start' }, { clock });
    sendTicketEvent(actor, { type: 'resolve', criteria: met }, { clock });
    expect(() => sendTicketEvent(actor, { type: 'close' }, { clock })).toThrow(
      expect.objectContaining({ code: 'customer_confirmation_required' }),
    );
    sendTicketEvent(actor, { type: 'reopen', by: 'customer' }, { clock });
    sendTicketEvent(actor, { type: 'resolve', criteria: met }, { clock });
    sendTicketEvent(actor, { type: 'confirm', by: 'customer' }, { clock });
    const closed = sendTicketEvent(actor, { type: 'close' }, { clock });
    expect(closed).toMatchObject({ status: 'closed', reopenCount: 1 });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('refuses to resolve with an unmet criterion', () => {
    const actor = createTicketActor(createTicket({ status: 'in_progress' }, { clock }));
    const unmet = [{ id: 'login', description: 'login works', met: false }];
    expect(() => sendTicketEvent(actor, { type: 'resolve', criteria: unmet })).toThrow(
      expect.objectContaining({ code: 'resolution_criteria_unmet', results: unmet }),
    );
    expect(actor.getSnapshot().value).toBe('in_progress');
  });

  it('throws InvalidTransitionError instead of silently ignoring an event', () => {
    const actor = createTicketActor(createTicket({ status: 'pending_customer' }, { clock }));
    expect(() => sendTicketEvent(actor, { type: 'start' })).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        from: 'pending_customer',
        allowed: ['in_progress', 'resolved'],
      }),
    );
    expect(() => sendTicketEvent(actor, { type: 'confirm' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('resumes a stored ticket at its status', () => {
    const actor = createTicketActor(createTicket({ status: 'resolved' }, { clock }));
    expect(actor.getSnapshot().value).toBe('resolved');
    expect(sendTicketEvent(actor, { type: 'reopen' }).reopenCount).toBe(1);
  });

  it('rejects a malformed ticket with a typed error', () => {
    expect(() => createTicketActor({ status: 'new' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
