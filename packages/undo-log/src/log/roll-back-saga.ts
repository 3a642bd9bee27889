import type { Actor } from '@guardloop/core';
import type { SagaStepFailure } from '../errors/saga-failed-error';
import type { RunResult } from './run-options';
import { undoRecord } from './undo-action';
import { readRecord, type UndoLogRuntime } from './undo-log-runtime';

export interface SagaRollback {
  rolledBack: string[];
  notRolledBack: SagaStepFailure[];
}

/**
 * Undoes the completed steps of a failed saga, newest first. It carries on past a step it
 * cannot undo, and runs without the caller's abort signal: a half-applied saga is worse.
 */
export async function rollBackSaga(
  runtime: UndoLogRuntime,
  results: readonly RunResult<unknown>[],
  by: Actor,
  reason: string,
): Promise<SagaRollback> {
  const rollback: SagaRollback = { rolledBack: [], notRolledBack: [] };
  for (const result of [...results].reverse()) {
    if (result.status === 'dry_run') continue;
    const actionId = result.actionId;
    let actionName = '';
    try {
      const record = await readRecord(runtime, actionId);
      actionName = record.actionName;
      if (!record.reversible) {
        rollback.notRolledBack.push({ actionId, actionName, reason: 'irreversible' });
        continue;
      }
      await undoRecord(runtime, record, { by, reason });
      rollback.rolledBack.push(actionId);
    } catch (error) {
      rollback.notRolledBack.push({ actionId, actionName, reason: 'undo_failed', error });
    }
  }
  return rollback;
}
