import { z } from 'zod';
import {
  type Ticket,
  type TicketStatus,
  ticketSchema,
  ticketStatusSchema,
} from '../schemas/ticket';
import { abortSignalSchema } from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';
import { applyTicketEvent } from './apply-ticket-event';
import { type ConfirmationInput, confirmationInputSchema } from './customer-confirmation';
import { type CriterionResult, evaluateResolutionCriteria } from './resolution-criteria';
import {
  resolveLifecycleSettings,
  runTicketEvent,
  type TicketLifecycleOptions,
} from './run-ticket-event';
import { findTransition, type TicketTransition } from './ticket-transitions';

export type { TicketLifecycleOptions } from './run-ticket-event';

export interface TransitionOptions {
  /** Who moved the ticket (agent id, `ai`, `system`). */
  by?: string;
  reason?: string;
  abortSignal?: AbortSignal;
}

export interface TransitionResult {
  ticket: Ticket;
  transition: TicketTransition;
  /** Every criterion checked on the way to `resolved`, met or not; empty for other edges. */
  criteria: CriterionResult[];
}

export interface TicketLifecycle {
  /**
   * Moves a ticket along one edge of the lifecycle table and returns the updated copy.
   * @throws InvalidTransitionError (`invalid_transition`) for an edge the table lacks
   * @throws ResolutionCriteriaUnmetError (`resolution_criteria_unmet`) when resolving with unmet criteria
   * @throws CustomerConfirmationRequiredError (`customer_confirmation_required`) when closing an
   * external ticket without a confirmation from the customer side
   */
  transition(
    ticket: Ticket,
    to: TicketStatus,
    options?: TransitionOptions,
  ): Promise<TransitionResult>;
  /**
   * Records that the customer confirmed the resolution (required to close external tickets).
   * `by` is required; `byType` is `customer` (default) or `human` (an agent relaying the
   * customer's words). A confirmation by an AI or system actor is refused.
   * @throws InvalidInputError
   */
  confirm(ticket: Ticket, confirmation: ConfirmationInput): Ticket;
  /** Checks the definition of done without moving the ticket. */
  evaluateCriteria(
    ticket: Ticket,
    options?: { abortSignal?: AbortSignal },
  ): Promise<CriterionResult[]>;
}

const transitionOptionsSchema = z
  .object({
    by: z.string().optional(),
    reason: z.string().optional(),
    abortSignal: abortSignalSchema.optional(),
  })
  .optional();

/**
 * The ticket lifecycle as plain async functions over immutable ticket values.
 * @throws InvalidInputError for malformed options
 */
export function createTicketLifecycle(options: TicketLifecycleOptions = {}): TicketLifecycle {
  const settings = resolveLifecycleSettings(options, 'ticket lifecycle options');
  return {
    async transition(ticketInput, toInput, transitionOptions = {}) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      const to = parseInput(ticketStatusSchema, toInput, 'ticket status');
      const { by, reason, abortSignal } =
        parseInput(transitionOptionsSchema, transitionOptions, 'transition options') ?? {};
      const { event } = findTransition(ticket.status, to);
      const result = await runTicketEvent(ticket, { type: event, by, reason }, settings, {
        abortSignal,
      });
      return {
        ticket: result.ticket,
        transition: result.transition as TicketTransition,
        criteria: result.criteria,
      };
    },
    confirm(ticketInput, confirmationInput) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      const confirmation = parseInput(confirmationInputSchema, confirmationInput, 'confirmation');
      return applyTicketEvent(
        ticket,
        { type: 'confirm', ...confirmation },
        { at: settings.clock.now(), automatedActors: settings.automatedActors },
      ).ticket;
    },
    async evaluateCriteria(ticketInput, evaluateOptions) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      const { abortSignal } =
        parseInput(transitionOptionsSchema, evaluateOptions, 'evaluateCriteria options') ?? {};
      return evaluateResolutionCriteria(
        ticket,
        settings.criteria,
        abortSignal ? { abortSignal } : {},
      );
    },
  };
}
