import type { BusinessCalendar } from '@guardloop/core';
import { toInputIssues } from '@guardloop/core/internal';
import { InvalidSlaEventError } from '../errors/invalid-sla-event-error';
import { MalformedTicketSlaStateError } from '../errors/malformed-ticket-sla-state-error';
import { applyTicketSlaEvent } from './apply-ticket-sla-event';
import { parseSlaEvaluationContext } from './evaluate-ticket-sla';
import { slaKeySchema } from './sla-key';
import type { SlaPolicies } from './sla-policies';
import { type TicketSlaEventInput, ticketSlaEventSchema } from './ticket-sla-event';
import { type TicketSlaState, ticketSlaStateSchema } from './ticket-sla-state';
import { type TicketSlaEvaluation, viewTicketSla } from './view-ticket-sla';

export interface TicketSlaTrackerOptions {
  policies: SlaPolicies;
  calendar?: BusinessCalendar;
  /** A state saved earlier (`tracker.state`), to go on from. */
  state?: TicketSlaState;
}

/** The incremental path: one live ticket's clocks, one event at a time. */
export interface TicketSlaTracker {
  readonly ticketId: string;
  /** The compact state so far (JSON): save it and pass it back as `state` to go on later. */
  readonly state: TicketSlaState | undefined;
  /** Folds the next event (time order); returns the new state. */
  apply(event: TicketSlaEventInput): TicketSlaState;
  /** The metrics at `now`, equal to `evaluateTicketSla` over every event applied. */
  evaluate(now: number): TicketSlaEvaluation;
}

/**
 * Tracks a live ticket's SLA clocks incrementally: each event costs the same however long the
 * history is, and the state is a few small arrays that a store can keep.
 * @throws InvalidSlaPolicyError, InvalidInputError for bad options; MalformedTicketSlaStateError
 * for a `state` that does not match its schema; `apply` throws InvalidSlaEventError
 */
export function createTicketSlaTracker(
  ticketId: string,
  options: TicketSlaTrackerOptions,
): TicketSlaTracker {
  const id = slaKeySchema.safeParse(ticketId);
  if (!id.success)
    throw new InvalidSlaEventError({ issues: toInputIssues(id.error.issues), cause: id.error });
  const { policies, calendar } = parseSlaEvaluationContext(
    options?.policies,
    { now: 0, ...(options?.calendar === undefined ? {} : { calendar: options.calendar }) },
    'ticket SLA tracker options',
  );
  let state: TicketSlaState | undefined;
  if (options.state !== undefined) {
    const parsed = ticketSlaStateSchema.safeParse(options.state);
    if (!parsed.success || parsed.data.ticketId !== ticketId)
      throw new MalformedTicketSlaStateError({
        ticketId,
        issues: parsed.success
          ? [{ path: 'ticketId', message: `State of ticket ${parsed.data.ticketId}` }]
          : toInputIssues(parsed.error.issues),
      });
    state = parsed.data;
  }
  return {
    ticketId,
    get state() {
      return state;
    },
    apply(event) {
      const parsed = ticketSlaEventSchema.safeParse(event);
      if (!parsed.success)
        throw new InvalidSlaEventError({
          ticketId,
          issues: toInputIssues(parsed.error.issues),
          cause: parsed.error,
        });
      state = applyTicketSlaEvent(state, ticketId, parsed.data);
      return state;
    },
    evaluate(now) {
      if (state === undefined)
        throw new InvalidSlaEventError({
          ticketId,
          issues: [{ path: '', message: 'No created event applied yet' }],
        });
      const context = parseSlaEvaluationContext(
        policies,
        { now, ...(calendar === undefined ? {} : { calendar }) },
        'ticket SLA tracker evaluate',
      );
      return viewTicketSla(state, context.policies, context);
    },
  };
}
