import {
  type Clock,
  createSignal,
  fingerprint,
  type IdGenerator,
  type Signal,
  type TicketFields,
} from '@guardloop/core';
import type { ParsedEmail } from './parsed-email';

export interface EmailSignalContext {
  ticketId: string;
  event: 'ticket_opened' | 'customer_reply';
  source: string;
  tenant?: string | undefined;
  /** The standard fields, normalized when a taxonomy was given. */
  fields: TicketFields;
  followUpOf?: string | undefined;
  clock: Clock;
  idGenerator: IdGenerator;
}

/**
 * The `ticket` signal of one email. The fingerprint is over the Message-ID alone: a repeat
 * relayed with other headers is still the same message.
 */
export function createEmailSignal(email: ParsedEmail, context: EmailSignalContext): Signal {
  const { ticketId, event, source, tenant, fields, followUpOf, clock, idGenerator } = context;
  const sentAt = email.date !== undefined && email.date >= 0 ? Math.trunc(email.date) : undefined;
  return createSignal(
    {
      source,
      kind: 'ticket',
      fingerprint: fingerprint({ source, messageId: email.messageId }),
      correlationId: ticketId,
      fields,
      ...(tenant === undefined ? {} : { tenant }),
      ...(sentAt === undefined ? {} : { occurredAt: sentAt }),
      payload: {
        event,
        ticketId,
        ...(followUpOf === undefined ? {} : { followUpOf }),
        channel: 'email',
        messageId: email.messageId,
        ...(email.inReplyTo === undefined ? {} : { inReplyTo: email.inReplyTo }),
        references: email.references,
        subject: email.subject,
        body: email.reply,
        fullText: email.text,
        ...(email.from === undefined ? {} : { from: email.from }),
        to: email.to,
        cc: email.cc,
        attachments: email.attachments,
        autoSubmitted: email.autoSubmitted,
        warnings: email.warnings.map((warning) => warning.code),
      },
    },
    { clock, idGenerator },
  );
}
