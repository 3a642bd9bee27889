import type { Ticket } from '../app/ticket';

/** How a ticket reaches the help desk: the four front doors of @guardloop/intake. */
export const intakePaths = ['email', 'zendesk', 'freshdesk', 'web_form'] as const;
export type IntakePath = (typeof intakePaths)[number];

/**
 * A fixed split, by ticket number so that a replay is deterministic: half the mail arrives
 * as raw RFC 5322 messages, the other half through the Zendesk mailbox; half the web
 * tickets through the Freshdesk portal, the rest (and every status-widget report) as the
 * help desk's own web form.
 */
export function intakePathOf(ticket: Pick<Ticket, 'id' | 'channel'>): IntakePath {
  const odd = ticketNumber(ticket.id) % 2 === 1;
  if (ticket.channel === 'email') return odd ? 'zendesk' : 'email';
  if (ticket.channel === 'web-form') return odd ? 'freshdesk' : 'web_form';
  return 'web_form';
}

/** `T-1042` -> 1042: the number a help desk shows. */
export function ticketNumber(ticketId: string): number {
  const digits = /(\d+)$/.exec(ticketId)?.[1];
  return digits === undefined ? 0 : Number(digits);
}
