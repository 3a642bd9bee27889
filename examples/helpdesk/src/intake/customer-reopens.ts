import type { SimulationContext, TicketCase } from '../simulation/simulation-context';

type ReopenContext = Pick<SimulationContext, 'intake' | 'recorder' | 'desk'>;

/**
 * The customer says the ticket is not solved. A ticket that came in by mail gets a reply by
 * mail, and the email intake reopens it (threading, lifecycle reopen edge); the reason recorded
 * is what the reply says. Any other ticket is reopened by the desk, as its channel would.
 */
export async function customerReopens(
  context: ReopenContext,
  { ticket, traceId }: TicketCase,
  reason: string,
  by: string,
): Promise<void> {
  const mail = await context.intake.replyByEmail(ticket.id, reason);
  if (mail.handled && mail.reopened) {
    await context.recorder.record({
      type: 'reopened',
      traceId,
      ticketId: ticket.id,
      reason: mail.reason,
    });
    return;
  }
  await context.recorder.record({ type: 'reopened', traceId, ticketId: ticket.id, reason });
  await context.desk.move(ticket.id, 'in_progress', by, reason);
}
