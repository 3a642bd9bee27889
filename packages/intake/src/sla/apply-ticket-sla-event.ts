import type { TicketStatus } from '@guardloop/core';
import { InvalidSlaEventError } from '../errors/invalid-sla-event-error';
import type { TicketSlaEvent } from './ticket-sla-event';
import { maxSlaClocks, maxSlaPauses, type SlaClock, type TicketSlaState } from './ticket-sla-state';

const solved = (status: TicketStatus) => status === 'resolved' || status === 'closed';

const fail = (ticketId: string, message: string, path = ''): never => {
  throw new InvalidSlaEventError({ ticketId, issues: [{ path, message }] });
};

type Fields = TicketSlaState['fields'];
function pickFields(fields: Record<string, unknown>, base: Fields = {}): Fields {
  const next: Fields = { ...base };
  for (const key of ['priority', 'segment', 'channel', 'category'] as const) {
    const value = fields[key];
    if (typeof value === 'string') next[key] = value;
  }
  return next;
}

/**
 * Keeps the state bounded: drops the oldest stopped clocks beyond `maxSlaClocks`, never the
 * first response (there is one per ticket, and reports ask for it).
 */
function trim(clocks: SlaClock[]): SlaClock[] {
  let excess = clocks.length - maxSlaClocks;
  if (excess <= 0) return clocks;
  return clocks.filter(
    (clock) => clock.stoppedAt === null || clock.metric === 'first_response' || excess-- <= 0,
  );
}

/**
 * Folds one (validated) event into a ticket's SLA state, pure: the state given is not changed.
 * Events must come in time order; the first is `created`.
 * - first response runs from creation to the first public agent reply;
 * - next response runs from a customer message (after the first reply) to the next public reply;
 * - resolution runs from creation, or a reopen, to `resolved`/`closed`, which stops every clock;
 * - every clock pauses while the ticket is `pending_customer`.
 * @throws InvalidSlaEventError (code `invalid_sla_event`)
 */
export function applyTicketSlaEvent(
  previous: TicketSlaState | undefined,
  ticketId: string,
  event: TicketSlaEvent,
): TicketSlaState {
  if (previous === undefined) {
    if (event.type !== 'created') return fail(ticketId, 'The first event must be created', 'type');
    const state: TicketSlaState = {
      ticketId,
      createdAt: event.at,
      lastEventAt: event.at,
      status: event.status,
      fields: pickFields(event.fields),
      pauses: event.status === 'pending_customer' ? [{ from: event.at, to: null }] : [],
      clocks: solved(event.status)
        ? []
        : [
            { metric: 'first_response', instance: 1, startedAt: event.at, stoppedAt: null },
            { metric: 'resolution', instance: 1, startedAt: event.at, stoppedAt: null },
          ],
    };
    return state;
  }
  if (event.type === 'created') return fail(ticketId, 'The ticket was already created', 'type');
  if (event.at < previous.lastEventAt)
    return fail(
      ticketId,
      `Event at ${event.at} is before the last one (${previous.lastEventAt})`,
      'at',
    );
  const at = event.at;
  const state: TicketSlaState = { ...previous, lastEventAt: at };
  const running = (metric: SlaClock['metric']) =>
    state.clocks.findIndex((clock) => clock.metric === metric && clock.stoppedAt === null);
  const stop = (index: number) => {
    const clocks = [...state.clocks];
    clocks[index] = { ...(clocks[index] as SlaClock), stoppedAt: at };
    state.clocks = clocks;
  };
  const start = (metric: SlaClock['metric']) => {
    const instance = state.clocks.reduce(
      (last, clock) => (clock.metric === metric ? Math.max(last, clock.instance) : last),
      0,
    );
    state.clocks = trim([
      ...state.clocks,
      { metric, instance: instance + 1, startedAt: at, stoppedAt: null },
    ]);
  };

  switch (event.type) {
    case 'agent_replied': {
      if (!event.public) break;
      const first = running('first_response');
      if (first >= 0) stop(first);
      const next = running('next_response');
      if (next >= 0) stop(next);
      break;
    }
    case 'customer_messaged': {
      // Before the first reply the first response clock already waits; after it, a next
      // response waits from the first unanswered message (also on a ticket created solved, reopened).
      const answered = running('first_response') < 0;
      if (answered && !solved(state.status) && running('next_response') < 0) start('next_response');
      break;
    }
    case 'priority_changed':
      state.fields = { ...state.fields, priority: event.priority };
      break;
    case 'fields_changed':
      state.fields = pickFields(event.fields, state.fields);
      break;
    case 'status_changed': {
      const from = state.status;
      const to = event.status;
      state.status = to;
      if (from === 'pending_customer' && to !== 'pending_customer') {
        state.pauses = state.pauses.map((pause) =>
          pause.to === null ? { ...pause, to: at } : pause,
        );
      }
      if (to === 'pending_customer' && from !== 'pending_customer') {
        if (state.pauses.length >= maxSlaPauses)
          return fail(ticketId, `More than ${maxSlaPauses} pending_customer spells`, 'status');
        state.pauses = [...state.pauses, { from: at, to: null }];
      }
      if (solved(to) && !solved(from)) {
        // Solving fulfils every running target, as a help desk's solve does.
        state.clocks = state.clocks.map((clock) =>
          clock.stoppedAt === null ? { ...clock, stoppedAt: at } : clock,
        );
      }
      if (solved(from) && !solved(to)) start('resolution');
      break;
    }
  }
  return state;
}
