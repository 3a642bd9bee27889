import type { Ticket } from '@guardloop/core';

export interface EmailIntakeCallOptions {
  abortSignal?: AbortSignal;
}

/**
 * The host's tickets, as the intake needs them to reopen or resume one: guardloop keeps no
 * ticket store of its own. Without it, every reply is a plain `reply`.
 */
export interface EmailIntakeTickets {
  get(ticketId: string, options?: EmailIntakeCallOptions): Promise<Ticket | undefined>;
  save(ticket: Ticket, options?: EmailIntakeCallOptions): Promise<void>;
}

/** `reopened` of `@guardloop/feedback`, recorded on the trace that opened the ticket. */
export interface EmailReopenedOutcome {
  type: 'reopened';
  /** Derived from the ticket and the Message-ID: recording it again is a duplicate. */
  id: string;
  traceId: string;
  ticketId: string;
  at: number;
  channel: 'email';
  reason: string;
  data: { messageId: string };
}

/**
 * Where reopens are recorded: structural, so `createOutcomeRecorder` from `@guardloop/feedback`
 * fits without the intake depending on it.
 */
export interface EmailIntakeFeedbackRecorder {
  record(outcome: EmailReopenedOutcome, options?: EmailIntakeCallOptions): Promise<unknown>;
}
