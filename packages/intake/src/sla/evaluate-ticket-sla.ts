import type { BusinessCalendar } from '@guardloop/core';
import { parseInput } from '@guardloop/core';
import { toInputIssues } from '@guardloop/core/internal';
import { z } from 'zod';
import { InvalidSlaEventError } from '../errors/invalid-sla-event-error';
import { InvalidSlaPolicyError } from '../errors/invalid-sla-policy-error';
import { applyTicketSlaEvent } from './apply-ticket-sla-event';
import { isSlaPolicies, type SlaPolicies } from './sla-policies';
import { type TicketSlaHistory, ticketSlaHistorySchema } from './ticket-sla-event';
import type { TicketSlaState } from './ticket-sla-state';
import { type TicketSlaEvaluation, viewTicketSla } from './view-ticket-sla';

export interface EvaluateTicketSlaOptions {
  /** Open hours for policies with `businessHours` (`createBusinessCalendar` of @guardloop/core). */
  calendar?: BusinessCalendar;
  /** The instant to evaluate at (epoch ms), usually `clock.now()`. */
  now: number;
}

const calendarSchema = z.custom<BusinessCalendar>(
  (value) =>
    typeof (value as BusinessCalendar | null)?.addBusinessTime === 'function' &&
    typeof (value as BusinessCalendar).businessTimeBetween === 'function',
  'Expected a business calendar (createBusinessCalendar)',
);
export const evaluateTicketSlaOptionsSchema = z.strictObject({
  calendar: calendarSchema.optional(),
  now: z.int().nonnegative(),
});

/** Checks `policies` and the options once; shared by the full and the incremental path. */
export function parseSlaEvaluationContext(
  policies: unknown,
  options: unknown,
  subject: string,
): { policies: SlaPolicies; calendar: BusinessCalendar | undefined; now: number } {
  if (!isSlaPolicies(policies))
    throw new InvalidSlaPolicyError({
      issues: [{ path: '', message: 'Expected policies from defineSlaPolicies' }],
    });
  const { calendar, now } = parseInput(evaluateTicketSlaOptionsSchema, options, subject);
  if (policies.needsCalendar && calendar === undefined)
    throw new InvalidSlaPolicyError({
      issues: [{ path: 'calendar', message: 'A businessHours policy needs a calendar' }],
    });
  return { policies, calendar, now };
}

/** Folds a whole history into a state (the full recompute). */
export function foldTicketSlaHistory(history: TicketSlaHistory): TicketSlaState {
  const parsed = ticketSlaHistorySchema.safeParse(history);
  if (!parsed.success)
    throw new InvalidSlaEventError({
      ticketId:
        typeof (history as { ticketId?: unknown })?.ticketId === 'string'
          ? (history as { ticketId: string }).ticketId
          : undefined,
      issues: toInputIssues(parsed.error.issues),
      cause: parsed.error,
    });
  let state: TicketSlaState | undefined;
  for (const event of parsed.data.events)
    state = applyTicketSlaEvent(state, parsed.data.ticketId, event);
  return state as TicketSlaState;
}

/**
 * A ticket's SLA metrics computed from its whole event history against the policies, at `now`.
 * Pure: the same history, policies and calendar always give the same answer, so a changed
 * calendar or policy is applied by evaluating again. Live tickets use `createTicketSlaTracker`,
 * which gives the same answer one event at a time.
 * @throws InvalidSlaEventError (code `invalid_sla_event`) for a malformed or out-of-order history
 * @throws InvalidSlaPolicyError (code `invalid_sla_policy`) for policies not made by
 * `defineSlaPolicies`, or business hours without a calendar
 * @throws InvalidInputError (code `invalid_input`) for malformed options
 */
export function evaluateTicketSla(
  history: TicketSlaHistory,
  policies: SlaPolicies,
  options: EvaluateTicketSlaOptions,
): TicketSlaEvaluation {
  const context = parseSlaEvaluationContext(policies, options, 'evaluateTicketSla options');
  return viewTicketSla(foldTicketSlaHistory(history), context.policies, context);
}
