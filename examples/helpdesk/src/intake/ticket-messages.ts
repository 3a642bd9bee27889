import type { Ticket } from '../app/ticket';
import { ticketNumber } from './intake-paths';

/** Who sent a ticket, as the customer directory knows them. */
export interface Sender {
  name: string;
  email: string;
}

export const supportAddress = 'support@helpdesk.example';

/** The Message-ID the customer's mail client gave a ticket's first message. */
export const ticketMessageId = (ticketId: string) =>
  `<${ticketId.toLowerCase()}@mail.customer.example>`;

// Non-ASCII header text as an RFC 2047 encoded word, as mail clients send it.
const encodeHeader = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

interface EmailParts {
  from: Sender;
  subject: string;
  body: string;
  at: number;
  messageId: string;
  inReplyTo?: string;
}

/** A raw RFC 5322 message: the bytes a mailbox hands over. */
export function renderEmail(parts: EmailParts): string {
  const ascii = /^[\x20-\x7e\r\n\t]*$/.test(parts.body);
  const headers = [
    `From: ${encodeHeader(parts.from.name)} <${parts.from.email}>`,
    `To: Support <${supportAddress}>`,
    `Subject: ${encodeHeader(parts.subject)}`,
    `Date: ${new Date(parts.at).toUTCString()}`,
    `Message-ID: ${parts.messageId}`,
    ...(parts.inReplyTo
      ? [`In-Reply-To: ${parts.inReplyTo}`, `References: ${parts.inReplyTo}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${ascii ? '7bit' : 'base64'}`,
  ];
  // Plain ASCII stays readable; anything else as base64 lines of 76 characters (RFC 2045).
  const body = ascii
    ? parts.body
    : Buffer.from(parts.body).toString('base64').replace(/.{76}/g, '$&\n');
  return `${headers.join('\r\n')}\r\n\r\n${crlf(body)}\r\n`;
}

/** The first message of a ticket that arrives by mail. */
export function ticketEmail(ticket: Ticket, from: Sender): string {
  return renderEmail({
    from,
    subject: ticket.subject,
    body: ticket.body,
    at: ticket.at,
    messageId: ticketMessageId(ticket.id),
  });
}

/** A customer's answer to a ticket, threaded on its first message. */
export function replyEmail(
  ticketId: string,
  from: Sender,
  reply: { text: string; at: number; sequence: number },
): string {
  const original = ticketMessageId(ticketId);
  return renderEmail({
    from,
    subject: `Re: ${ticketId}`,
    body: reply.text,
    at: reply.at,
    messageId: `<${ticketId.toLowerCase()}.reply-${reply.sequence}@mail.customer.example>`,
    inReplyTo: original,
  });
}

/** A Zendesk `ticket.created` webhook event (payload version 2022-11-06) for a mailed ticket. */
export function zendeskCreatedEvent(ticket: Ticket, from: Sender) {
  const number = String(ticketNumber(ticket.id));
  return {
    account_id: 22129848,
    id: `zd-event-${number}`,
    time: new Date(ticket.at).toISOString(),
    type: 'zen:event-type:ticket.created',
    zendesk_event_version: '2022-11-06',
    subject: `zen:ticket:${number}`,
    detail: {
      id: number,
      subject: ticket.subject,
      description: ticket.body,
      status: 'NEW',
      priority: 'NORMAL',
      type: 'QUESTION',
      tags: [ticket.tenant],
      via: { channel: 'email' },
      requester_id: from.email,
      organization_id: ticket.tenant,
      created_at: new Date(ticket.at).toISOString(),
    },
    event: {},
  };
}

/**
 * A Freshdesk automation-rule webhook for a ticket opened on the portal. The rule's JSON maps
 * `ticket_description` to the `{{ticket.description_text}}` placeholder: plain text, no HTML.
 */
export function freshdeskCreatedWebhook(ticket: Ticket, from: Sender) {
  const number = ticketNumber(ticket.id);
  return {
    freshdesk_webhook: {
      ticket_id: number,
      ticket_subject: ticket.subject,
      ticket_description: ticket.body,
      ticket_url: `https://helpdesk.freshdesk.com/helpdesk/tickets/${number}`,
      ticket_status: 'Open',
      ticket_priority: 'Medium',
      ticket_source: 'Portal',
      ticket_tags: ticket.tenant,
      ticket_requester_name: from.name,
      ticket_requester_email: from.email,
      triggered_event: '{ticket_action:created}',
    },
  };
}

/** What the help desk's own support form posts. */
export function supportFormSubmission(ticket: Ticket, from: Sender) {
  return {
    email: from.email,
    name: from.name,
    subject: ticket.subject,
    description: ticket.body,
    attachments: [],
  };
}
