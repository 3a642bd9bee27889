import { InvalidTransitionError } from '../errors/invalid-transition-error';
import type { TicketStatus } from '../schemas/ticket';

/** The event that moves a ticket along an edge. */
export type TicketEventType =
  | 'triage'
  | 'start'
  | 'await_customer'
  | 'resume'
  | 'resolve'
  | 'close'
  | 'reopen';

export interface TicketTransition {
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly event: TicketEventType;
}

/** The ticket lifecycle as data: the only edges a ticket may take. `closed` is final. */
export const ticketTransitions = [
  { from: 'new', to: 'triaged', event: 'triage' },
  { from: 'triaged', to: 'in_progress', event: 'start' },
  { from: 'in_progress', to: 'pending_customer', event: 'await_customer' },
  { from: 'in_progress', to: 'resolved', event: 'resolve' },
  { from: 'pending_customer', to: 'in_progress', event: 'resume' },
  { from: 'pending_customer', to: 'resolved', event: 'resolve' },
  { from: 'resolved', to: 'closed', event: 'close' },
  { from: 'resolved', to: 'in_progress', event: 'reopen' },
] as const satisfies readonly TicketTransition[];

/** Statuses reachable from `from` in one step. */
export function allowedTransitions(from: TicketStatus): TicketStatus[] {
  return ticketTransitions.filter((edge) => edge.from === from).map((edge) => edge.to);
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ticketTransitions.some((edge) => edge.from === from && edge.to === to);
}

/** The edge from `from` to `to`. @throws InvalidTransitionError when there is none. */
export function findTransition(from: TicketStatus, to: TicketStatus): TicketTransition {
  const edge = ticketTransitions.find(
    (candidate) => candidate.from === from && candidate.to === to,
  );
  if (!edge) throw new InvalidTransitionError({ from, to, allowed: allowedTransitions(from) });
  return edge;
}
