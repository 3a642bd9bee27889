import { fingerprint, type SignalInput } from '@guardloop/core';
import type { Ticket } from './ticket';

/**
 * Intake: a ticket becomes a guardloop signal. The fingerprint says what counts as "the same
 * ticket": status-widget reports of one service and error are one incident, whoever sends them;
 * anything else is the same only when the same customer sends the same words again.
 */
export function ticketSignal(ticket: Ticket): SignalInput {
  return {
    source: ticket.channel,
    kind: 'ticket',
    occurredAt: ticket.at,
    tenant: ticket.tenant,
    fingerprint: ticket.widget
      ? fingerprint({ incident: ticket.widget })
      : fingerprint({ customer: ticket.customerId, subject: ticket.subject, body: ticket.body }),
    payload: {
      ticketId: ticket.id,
      customerId: ticket.customerId,
      subject: ticket.subject,
      body: ticket.body,
      ...(ticket.widget ? { widget: ticket.widget } : {}),
    },
  };
}
