import type { Ticket, TicketFields } from '@guardloop/core';
import type { TicketSlaEventInput, TicketSlaHistory } from '@guardloop/intake';
import type { OutboxMessage } from '../app/helpdesk-store';

/**
 * A ticket's SLA history from what the help desk already keeps: its creation with the intake's
 * fields, every lifecycle transition, and every reply that left the outbox (a recalled one never
 * reached the customer, so it answers nothing). Built after the fact, so a changed policy
 * recomputes the whole replay.
 */
export function ticketSlaHistory(
  ticket: Ticket,
  fields: TicketFields,
  messages: readonly OutboxMessage[],
): TicketSlaHistory {
  const later: TicketSlaEventInput[] = [
    ...ticket.history.map((entry) => ({
      type: 'status_changed' as const,
      at: Math.max(entry.at, ticket.createdAt),
      status: entry.to,
    })),
    ...messages
      .filter((message) => !message.recalled)
      .map((message) => ({
        type: 'agent_replied' as const,
        at: Math.max(message.queuedAt, ticket.createdAt),
      })),
  ];
  // Stable: a reply queued in the same instant as a transition keeps the order it was kept in.
  later.sort((left, right) => left.at - right.at);
  return {
    ticketId: ticket.id,
    events: [{ type: 'created', at: ticket.createdAt, fields }, ...later],
  };
}
