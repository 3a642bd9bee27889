import type { GuardloopError, Signal, Ticket } from '@guardloop/core';
import type { ParsedEmail } from './parsed-email';

/** Why a message made no signal: each is reported, never dropped silently. */
export type EmailRejectionReason =
  /** Over `maxBytes` (`email_too_large`). */
  | 'too_large'
  /** Empty, no header block, or MIME the parser refused (`malformed_email`). */
  | 'malformed'
  /** No usable From address: nobody to answer. */
  | 'missing_sender'
  /** An auto-reply or bulk mail that belongs to no known ticket: opening one would start a mail loop. */
  | 'auto_submitted';

export type EmailIntakeResult =
  | {
      kind: 'ticket';
      signal: Signal;
      ticketId: string;
      email: ParsedEmail;
      /** Set when the message replies to a closed ticket: the new ticket follows it up. */
      followUpOf?: string;
    }
  | {
      kind: 'reply';
      signal: Signal;
      ticketId: string;
      email: ParsedEmail;
      /** The ticket after the reply, when `tickets` was given (a `pending_customer` one resumes). */
      ticket?: Ticket;
    }
  | {
      kind: 'reopened';
      signal: Signal;
      ticketId: string;
      email: ParsedEmail;
      /** The ticket moved from `resolved` back to `in_progress` (and saved). */
      ticket: Ticket;
      /** What `feedback.record` threw: the reopen stands, record the outcome again. */
      feedbackError?: unknown;
    }
  | {
      kind: 'duplicate';
      /** The ticket the first copy went to. */
      ticketId?: string;
      messageId: string;
      /** The thread store already had the Message-ID, or another delivery claimed it first. */
      reason: 'already_threaded';
    }
  | {
      kind: 'rejected';
      reason: EmailRejectionReason;
      /** A sentence saying why, for logs and a dead-letter queue. */
      message: string;
      /** The typed parse error, for `too_large` and `malformed`. */
      error?: GuardloopError;
      /** What was read, for `missing_sender` and `auto_submitted`. */
      email?: ParsedEmail;
    };

export type EmailIntakeResultKind = EmailIntakeResult['kind'];
