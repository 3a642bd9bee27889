import { CustomerConfirmationRequiredError } from '../errors/customer-confirmation-required-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { InvalidTransitionError } from '../errors/invalid-transition-error';
import { ResolutionCriteriaUnmetError } from '../errors/resolution-criteria-unmet-error';
import type { ConfirmerType, Ticket } from '../schemas/ticket';
import { confirmationCounts, confirmerProblem } from './customer-confirmation';
import { notConfirmableError } from './not-confirmable-error';
import type { CriterionResult } from './resolution-criteria';
import {
  allowedTransitions,
  type TicketEventType,
  type TicketTransition,
  ticketTransitions,
} from './ticket-transitions';

/** One validated request to change a ticket: move it along an edge, or record a confirmation. */
export type TicketCommand =
  | { type: TicketEventType; by?: string | undefined; reason?: string | undefined }
  | { type: 'confirm'; by: string; byType: ConfirmerType; note?: string | undefined };

export interface ApplyTicketEventContext {
  /** Epoch ms of the change. */
  at: number;
  /**
   * The ticket's own definition of done, evaluated against this very ticket by the lifecycle;
   * never results from the caller. Required for `resolve`.
   */
  criteria?: readonly CriterionResult[] | undefined;
  /** Actor ids that are never the customer (the AI, the system). */
  automatedActors: ReadonlySet<string>;
}

export interface AppliedTicketEvent {
  ticket: Ticket;
  /** The edge taken; absent for a confirmation, which does not move the ticket. */
  transition?: TicketTransition;
}

/**
 * The ticket lifecycle as ONE pure function over the edge table: both `createTicketLifecycle`
 * and the xstate `ticketMachine` go through it, so their rules cannot drift apart.
 * @throws InvalidTransitionError, ResolutionCriteriaUnmetError, CustomerConfirmationRequiredError,
 * InvalidInputError (a confirmation that is not the customer's, or of a ticket that is not resolved)
 */
export function applyTicketEvent(
  ticket: Ticket,
  command: TicketCommand,
  { at, criteria, automatedActors }: ApplyTicketEventContext,
): AppliedTicketEvent {
  if (command.type === 'confirm') {
    if (ticket.status !== 'resolved') throw notConfirmableError(ticket.status);
    const problem = confirmerProblem(command, automatedActors);
    if (problem !== undefined) {
      throw new InvalidInputError({
        subject: 'confirmation',
        issues: [{ path: 'by', message: `Only the customer side can confirm: ${problem}.` }],
      });
    }
    const customerConfirmation = {
      confirmedAt: at,
      by: command.by,
      byType: command.byType,
      ...(command.note ? { note: command.note } : {}),
    };
    return { ticket: { ...ticket, customerConfirmation, updatedAt: at } };
  }
  const transition = ticketTransitions.find(
    (edge) => edge.from === ticket.status && edge.event === command.type,
  );
  if (transition === undefined) {
    throw new InvalidTransitionError({
      from: ticket.status,
      to: targetOf(command.type),
      allowed: allowedTransitions(ticket.status),
    });
  }
  if (transition.event === 'resolve') {
    // Fail closed: no evaluation means no resolution.
    if (criteria === undefined) throw new ResolutionCriteriaUnmetError({ results: [] });
    if (criteria.some((result) => result.met !== true)) {
      throw new ResolutionCriteriaUnmetError({ results: criteria });
    }
  }
  if (
    transition.event === 'close' &&
    ticket.external &&
    !confirmationCounts(ticket, automatedActors)
  ) {
    throw new CustomerConfirmationRequiredError({ ticketId: ticket.id });
  }
  const record = {
    from: ticket.status,
    to: transition.to,
    at,
    ...(command.by ? { by: command.by } : {}),
    ...(command.reason ? { reason: command.reason } : {}),
  };
  const next: Ticket = {
    ...ticket,
    status: transition.to,
    updatedAt: at,
    history: [...ticket.history, record],
  };
  if (transition.event === 'reopen') {
    next.reopenCount = ticket.reopenCount + 1;
    // A reopened ticket must be confirmed again before it can close.
    delete next.customerConfirmation;
  }
  return { ticket: next, transition };
}

/** Where an event leads: every event has one target in the table, whatever the source. */
function targetOf(type: TicketEventType): Ticket['status'] {
  return (ticketTransitions.find((edge) => edge.event === type) as TicketTransition).to;
}
