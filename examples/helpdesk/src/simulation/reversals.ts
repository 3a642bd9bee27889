import { delay } from './customer-behaviour';
import type { SimulationContext, TicketCase } from './simulation-context';

/**
 * What burns the error budget: an autonomous action undone through the undo log (by an agent
 * after a wrong intent, by finance after fraud) is a bad event for the SLO; every autonomous
 * action counts as a good one when taken. Also the scheduling helper that logs failures.
 */
export function createReversals(context: SimulationContext) {
  const { random, desk, scheduler, undoLog, economic, runLog } = context;
  const slo = (kind: 'good' | 'bad', actionType: string) =>
    economic.tracker.record(economic.slo, { [kind]: 1, actionType });
  const later = (delayMs: number, ticketId: string, run: () => Promise<void> | void) =>
    scheduler.after(delayMs, async () => {
      try {
        await run();
      } catch (error) {
        runLog.failures.push({
          ticketId,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    });
  const undo = async (ticketCase: TicketCase, by: string, reason: string) => {
    if (!ticketCase.aiActionId) return;
    const undone = await undoLog.undo(ticketCase.aiActionId, {
      by: { id: by, type: 'human', roles: ['agent'] },
      reason,
    });
    const action = ticketCase.hypothesis?.action?.name ?? 'unknown';
    runLog.undos.push({ at: context.clock.now(), ticketId: ticketCase.ticket.id, action, reason });
    if (!undone.alreadyUndone) await slo('bad', action);
  };

  // Finance spots the ring a few hours after its first refund and reverses them all at once.
  let pendingFraud: TicketCase[] | undefined;
  const fraudSweep = (ticketCase: TicketCase) => {
    if (pendingFraud) {
      pendingFraud.push(ticketCase);
      return;
    }
    pendingFraud = [ticketCase];
    later(delay(random, 3, 4), ticketCase.ticket.id, async () => {
      const found = pendingFraud ?? [];
      pendingFraud = undefined;
      runLog.milestone(
        context.clock.now(),
        `Finance reverses ${found.length} refunds of a fraud ring`,
      );
      for (const fraud of found) {
        await undo(fraud, 'finance-ops', 'Refund reversed: part of a refund-fraud ring');
        // Back in progress; it cannot be resolved again: its action is no longer in effect.
        await desk.move(fraud.ticket.id, 'in_progress', 'finance-ops', 'Refund reversed: fraud');
      }
    });
  };

  return {
    later,
    undo,
    fraudSweep,
    recordGood: (actionType: string) => slo('good', actionType),
  };
}
