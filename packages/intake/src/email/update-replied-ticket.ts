import type { Clock, Ticket, TicketLifecycle } from '@guardloop/core';
import { sha256 } from '@guardloop/core/internal';
import type {
  EmailIntakeCallOptions,
  EmailIntakeFeedbackRecorder,
  EmailIntakeTickets,
  EmailReopenedOutcome,
} from './email-intake-dependencies';
import type { EmailThread } from './email-thread-store';
import type { ParsedEmail } from './parsed-email';

export interface RepliedTicket {
  ticket: Ticket;
  email: ParsedEmail;
  thread: EmailThread;
  lifecycle: TicketLifecycle;
  tickets: EmailIntakeTickets;
  feedback: EmailIntakeFeedbackRecorder | undefined;
  clock: Clock;
}

const reopenReason = 'The customer replied by email';
// What the customer wrote is the reason learning reads (article candidates, problem clusters);
// capped so one long reply cannot bloat the trace.
const maxReasonChars = 2000;

function outcomeReason(email: ParsedEmail): string {
  const words = email.reply.trim() || email.text.trim();
  if (words === '') return reopenReason;
  return words.length > maxReasonChars ? `${words.slice(0, maxReasonChars - 1)}…` : words;
}

/**
 * A customer reply moves its ticket through the lifecycle: `resolved` reopens (the reopen edge)
 * and `pending_customer` resumes. An auto-reply moves nothing, so it cannot reopen a ticket.
 */
export async function updateRepliedTicket(
  { ticket, email, thread, lifecycle, tickets, feedback, clock }: RepliedTicket,
  call: EmailIntakeCallOptions,
): Promise<{ ticket: Ticket; reopened: boolean; feedbackError?: unknown }> {
  const to = email.autoSubmitted
    ? undefined
    : ticket.status === 'resolved' || ticket.status === 'pending_customer'
      ? 'in_progress'
      : undefined;
  if (to === undefined) return { ticket, reopened: false };
  const by = email.from?.address ?? 'customer';
  const moved = await lifecycle.transition(ticket, to, { by, reason: reopenReason, ...call });
  await tickets.save(moved.ticket, call);
  if (moved.transition.event !== 'reopen') return { ticket: moved.ticket, reopened: false };
  if (feedback === undefined) return { ticket: moved.ticket, reopened: true };
  const outcome: EmailReopenedOutcome = {
    type: 'reopened',
    id: `email-reopened:${sha256(JSON.stringify([ticket.id, email.messageId])).slice(0, 40)}`,
    traceId: ticket.traceId ?? thread.traceId,
    ticketId: ticket.id,
    at: clock.now(),
    channel: 'email',
    reason: outcomeReason(email),
    data: { messageId: email.messageId },
  };
  try {
    await feedback.record(outcome, call);
    return { ticket: moved.ticket, reopened: true };
  } catch (feedbackError) {
    // The reopen is saved: a failed recording is reported, not thrown, so it is not lost twice.
    return { ticket: moved.ticket, reopened: true, feedbackError };
  }
}
