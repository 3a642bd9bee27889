import { CustomerConfirmationRequiredError } from '../errors/customer-confirmation-required-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { ResolutionCriteriaUnmetError } from '../errors/resolution-criteria-unmet-error';
import {
  type Ticket,
  type TicketStatus,
  ticketSchema,
  ticketStatusSchema,
} from '../schemas/ticket';
import { type Clock, systemClock } from '../utils/clock';
import { parseInput } from '../utils/parse-input';
import { notConfirmableError } from './not-confirmable-error';
import {
  type CriterionResult,
  evaluateResolutionCriteria,
  type ResolutionCriterion,
} from './resolution-criteria';
import { findTransition, type TicketTransition } from './ticket-transitions';

export interface TicketLifecycleOptions {
  /** The definition of done, checked whenever a ticket is resolved. */
  criteria?: readonly ResolutionCriterion[];
  clock?: Clock;
}

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
   * @throws CustomerConfirmationRequiredError (`customer_confirmation_required`) when closing an unconfirmed external ticket
   */
  transition(
    ticket: Ticket,
    to: TicketStatus,
    options?: TransitionOptions,
  ): Promise<TransitionResult>;
  /** Records that the customer confirmed the resolution (required to close external tickets). */
  confirm(ticket: Ticket, confirmation: { by: string; note?: string }): Ticket;
  /** Checks the definition of done without moving the ticket. */
  evaluateCriteria(
    ticket: Ticket,
    options?: { abortSignal?: AbortSignal },
  ): Promise<CriterionResult[]>;
}

/** The ticket lifecycle as plain async functions over immutable ticket values. */
export function createTicketLifecycle(options: TicketLifecycleOptions = {}): TicketLifecycle {
  const { criteria = [], clock = systemClock } = options;

  return {
    async transition(ticketInput, toInput, { by, reason, abortSignal } = {}) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      const to = parseInput(ticketStatusSchema, toInput, 'ticket status');
      const transition = findTransition(ticket.status, to);
      let results: CriterionResult[] = [];
      if (to === 'resolved') {
        results = await evaluateResolutionCriteria(
          ticket,
          criteria,
          abortSignal ? { abortSignal } : {},
        );
        if (results.some((result) => !result.met))
          throw new ResolutionCriteriaUnmetError({ results });
      }
      if (to === 'closed' && ticket.external && !ticket.customerConfirmation) {
        throw new CustomerConfirmationRequiredError({ ticketId: ticket.id });
      }
      const at = clock.now();
      const record = {
        from: ticket.status,
        to,
        at,
        ...(by ? { by } : {}),
        ...(reason ? { reason } : {}),
      };
      const next: Ticket = {
        ...ticket,
        status: to,
        updatedAt: at,
        history: [...ticket.history, record],
      };
      if (transition.event === 'reopen') {
        next.reopenCount = ticket.reopenCount + 1;
        // A reopened ticket must be confirmed again before it can close.
        delete next.customerConfirmation;
      }
      return { ticket: next, transition, criteria: results };
    },

    confirm(ticketInput, confirmation) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      if (typeof confirmation?.by !== 'string' || confirmation.by.length === 0) {
        throw new InvalidInputError({
          subject: 'confirmation',
          issues: [{ path: 'by', message: 'Required' }],
        });
      }
      if (ticket.status !== 'resolved') throw notConfirmableError(ticket.status);
      const customerConfirmation = {
        confirmedAt: clock.now(),
        by: confirmation.by,
        ...(confirmation.note ? { note: confirmation.note } : {}),
      };
      return { ...ticket, customerConfirmation, updatedAt: customerConfirmation.confirmedAt };
    },

    evaluateCriteria(ticketInput, { abortSignal } = {}) {
      const ticket = parseInput(ticketSchema, ticketInput, 'ticket');
      return evaluateResolutionCriteria(ticket, criteria, abortSignal ? { abortSignal } : {});
    },
  };
}
