import { LeaseLostError } from '../errors/lease-lost-error';
import type { UndoLogRecord, UndoLogRecordPatch } from '../record/undo-log-record';
import { interruptedErrorCode } from './interrupted-error-code';
import { performUndo, type SettleRecord, settleDirectly } from './perform-undo';
import type { RecoveryOutcome, RecoveryPolicy } from './recover';
import { resolveAction, restoreSnapshot, type UndoLogRuntime } from './undo-log-runtime';

export { interruptedErrorCode };

const interrupted = {
  code: interruptedErrorCode,
  message:
    'The process running this action stopped before it reported; recovery did not confirm the effect.',
};

/** Resolves one claimed record; this process holds its lease. */
export async function recoverRecord(
  runtime: UndoLogRuntime,
  record: UndoLogRecord,
  policy: RecoveryPolicy,
  abortSignal: AbortSignal,
  settle: SettleRecord = settleDirectly(runtime.store),
): Promise<RecoveryOutcome['outcome']> {
  const action = resolveAction(runtime, record.actionName);
  const { clock, ownerId, recoveryActor } = runtime;
  const release = { leaseOwner: null, leaseExpiresAt: null } as const;
  const finish = async (set: UndoLogRecordPatch) => {
    const expect = { statuses: [record.status], leaseOwner: ownerId };
    const updated = await settle(record.id, {
      expect,
      set: { ...set, ...release, updatedAt: clock.now() },
    });
    if (!updated) throw new LeaseLostError({ actionId: record.id });
  };

  if (record.status === 'undoing' && action.reversible) {
    const undo = record.undo ?? { by: recoveryActor, reason: 'crash recovery', at: clock.now() };
    const onFailure = { status: 'done', undo: null, ...release } as const;
    await performUndo(runtime, action, {
      record,
      undo,
      heldStatus: 'undoing',
      onFailure,
      abortSignal,
      settle,
    });
    return 'undone';
  }
  if (record.status !== 'pending' || policy === 'fail') {
    await finish({ status: 'failed', error: interrupted });
    return 'failed';
  }
  const checkCompletion = policy === 'complete-or-undo' || !action.reversible;
  const snapshot = restoreSnapshot(action, record.snapshot);
  const context = { actionId: record.id, traceId: record.traceId, abortSignal };
  if (checkCompletion && (await action.isComplete?.(record.input, snapshot, context)) === true) {
    await finish({ status: 'done', result: null, error: null });
    return 'completed';
  }
  if (!action.reversible) {
    await finish({ status: 'failed', error: interrupted });
    return 'failed';
  }
  const reason = `crash recovery (policy ${policy}): the process running it stopped before it reported`;
  const undo = { by: recoveryActor, reason, at: clock.now() };
  // On failure the record stays pending under this lease and is retried when it expires.
  await performUndo(runtime, action, {
    record,
    undo,
    heldStatus: 'pending',
    onFailure: {},
    abortSignal,
    settle,
  });
  return 'undone';
}
