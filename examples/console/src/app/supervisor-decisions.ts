import type { Actor } from '@guardloop/core';
import { autonomySlo, type ConsoleServices } from './console-services';
import { NotAutonomousActionError } from './not-autonomous-action-error';

type Services = Pick<ConsoleServices, 'inbox' | 'feedback' | 'clock' | 'undoLog' | 'tracker'>;

/** Reject through the inbox, then record that the reviewer overrode the AI (override KPIs). */
export async function rejectEscalation(
  services: Services,
  id: string,
  reviewer: Actor,
  reason: string,
) {
  const item = await services.inbox.reject(id, { reviewer, reason });
  await services.feedback.record({
    id: `inbox:${item.id}:override`,
    traceId: item.traceId,
    type: 'override',
    at: services.clock.now(),
    proposed: item.action?.name ?? 'escalation',
    actual: 'rejected',
    reason,
    by: reviewer.id,
  });
  return item;
}

/**
 * Undo an action the AI took on its own. Approved actions are not undone here: a reviewer
 * decided those. An undo spends the autonomy SLO's error budget and is an override of the AI.
 */
export async function undoAutonomousAction(
  services: Services,
  actionId: string,
  reviewer: Actor,
  reason: string,
) {
  const record = await services.undoLog.getRecord(actionId);
  if (record.status !== 'done' || record.actor.type === 'human' || record.approval !== null)
    throw new NotAutonomousActionError({ actionId, status: record.status });
  const result = await services.undoLog.undo(actionId, { by: reviewer, reason });
  await services.tracker.record(autonomySlo, { bad: 1, actionType: record.actionName });
  await services.feedback.record({
    id: `undo:${actionId}`,
    traceId: record.traceId,
    type: 'override',
    at: services.clock.now(),
    proposed: record.actionName,
    actual: 'undone',
    reason,
    by: reviewer.id,
  });
  return result;
}
