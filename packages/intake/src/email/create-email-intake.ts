import { parseInput, ticketSchema } from '@guardloop/core';
import { abortOptionsSchema, throwIfAborted } from '@guardloop/core/internal';
import { EmailTooLargeError } from '../errors/email-too-large-error';
import { MalformedEmailError } from '../errors/malformed-email-error';
import type { EmailIntakeCallOptions } from './email-intake-dependencies';
import { type EmailIntakeOptions, resolveEmailIntakeSettings } from './email-intake-options';
import type { EmailIntakeResult } from './email-intake-result';
import { createEmailSignal } from './email-signal';
import type { EmailThread } from './email-thread-store';
import { parseEmail, type RawEmail } from './parse-email';
import type { ParsedEmail } from './parsed-email';
import { updateRepliedTicket } from './update-replied-ticket';

export type { EmailIntakeOptions } from './email-intake-options';

export interface EmailIntake {
  /**
   * Turns one raw message into a new ticket signal, a reply on a known ticket (reopening a
   * resolved one), a duplicate, or a rejection that says why.
   * @throws InvalidInputError (`invalid_input`) when `raw` is not a string, Uint8Array or ArrayBuffer
   * @throws what the thread store, `tickets` or the lifecycle throw, and the abort reason
   */
  receive(raw: RawEmail, options?: EmailIntakeCallOptions): Promise<EmailIntakeResult>;
}

/**
 * Email intake over a thread store. Threading follows In-Reply-To, then References from the most
 * recent: the first Message-ID the store knows names the ticket.
 * @throws InvalidInputError (`invalid_input`) for malformed options
 */
export function createEmailIntake(options: EmailIntakeOptions): EmailIntake {
  const settings = resolveEmailIntakeSettings(options);
  const { threads, tickets, clock, idGenerator, parseOptions } = settings;

  return {
    async receive(raw, callOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, callOptions, 'receive options') ?? {};
      const call = abortSignal ? { abortSignal } : {};
      let email: ParsedEmail;
      try {
        email = await parseEmail(raw, { ...parseOptions, ...call });
      } catch (error) {
        if (EmailTooLargeError.isInstance(error)) {
          return { kind: 'rejected', reason: 'too_large', message: error.message, error };
        }
        if (MalformedEmailError.isInstance(error)) {
          return { kind: 'rejected', reason: 'malformed', message: error.message, error };
        }
        throw error;
      }
      if (email.from === undefined) {
        return {
          kind: 'rejected',
          reason: 'missing_sender',
          message: 'The email has no usable From address.',
          email,
        };
      }
      const self = await threads.find([email.messageId], call);
      // Seen before: answered without writing anything. A delivery racing this one is settled
      // by the claim in `link` below.
      if (self !== undefined) {
        return {
          kind: 'duplicate',
          messageId: email.messageId,
          reason: 'already_threaded',
          ticketId: self.ticketId,
        };
      }
      // Most specific first: the message replied to, then the thread from its newest end.
      const parentIds = [email.inReplyTo, ...email.references.toReversed()].filter(
        (id): id is string => id !== undefined && id !== email.messageId,
      );
      const parent = parentIds.length > 0 ? await threads.find(parentIds, call) : undefined;
      if (parent === undefined && email.autoSubmitted) {
        return {
          kind: 'rejected',
          reason: 'auto_submitted',
          message: 'An auto-reply or bulk message for no known ticket: no ticket was opened.',
          email,
        };
      }
      const ticket =
        parent && tickets
          ? parseInput(
              ticketSchema.optional(),
              await tickets.get(parent.ticketId, call),
              'ticket returned by tickets.get',
            )
          : undefined;
      const followUpOf = ticket?.status === 'closed' ? ticket.id : undefined;
      const isReply = parent !== undefined && followUpOf === undefined;
      const ticketId = isReply ? parent.ticketId : idGenerator();
      const signal = createEmailSignal(email, {
        ticketId,
        event: isReply ? 'customer_reply' : 'ticket_opened',
        source: settings.source,
        tenant: settings.tenant,
        fields: settings.fields(email),
        followUpOf,
        clock,
        idGenerator,
      });
      const duplicate = (thread: EmailThread): EmailIntakeResult => ({
        kind: 'duplicate',
        messageId: email.messageId,
        reason: 'already_threaded',
        ticketId: thread.ticketId,
      });
      throwIfAborted(abortSignal);
      if (!isReply) {
        // The store decides, not a window in this process: a link that threw claimed nothing,
        // so a retry opens the ticket; of two deliveries at once, one wins and one is a duplicate.
        // The references too: a later reply quoting only an older message still finds the ticket.
        const link = await threads.link(
          { ticketId, traceId: signal.traceId },
          [email.messageId, ...parentIds],
          call,
        );
        if (!link.claimed) return duplicate(link.thread);
        return { kind: 'ticket', signal, ticketId, email, ...(followUpOf ? { followUpOf } : {}) };
      }
      // The ticket moves before the claim: if saving it throws, nothing is claimed and a retry
      // moves it then. Moving it twice (a retry, or two deliveries at once) ends the same way.
      const updated =
        ticket === undefined || !tickets
          ? undefined
          : await updateRepliedTicket(
              {
                ticket,
                email,
                thread: parent,
                lifecycle: settings.lifecycle,
                tickets: tickets,
                feedback: settings.feedback,
                clock,
              },
              call,
            );
      const link = await threads.link(parent, [email.messageId], call);
      if (!link.claimed) return duplicate(link.thread);
      if (updated === undefined) return { kind: 'reply', signal, ticketId, email };
      if (updated.reopened) {
        return {
          kind: 'reopened',
          signal,
          ticketId,
          email,
          ticket: updated.ticket,
          ...(updated.feedbackError === undefined ? {} : { feedbackError: updated.feedbackError }),
        };
      }
      return { kind: 'reply', signal, ticketId, email, ticket: updated.ticket };
    },
  };
}
