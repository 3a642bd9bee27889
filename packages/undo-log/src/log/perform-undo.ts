import type { AnyActionDefinition } from '../action/define-action';
import { LeaseLostError } from '../errors/lease-lost-error';
import { UndoFailedError } from '../errors/undo-failed-error';
import type { UndoInfo, UndoLogRecord, UndoLogRecordPatch } from '../record/undo-log-record';
import { withRetry } from '../retry/with-retry';
import type { UndoLogStore, UndoLogUpdate } from '../store/undo-log-store';
import { restoreSnapshot, toStoredError, type UndoLogRuntime } from './undo-log-runtime';

export interface UndoResult {
  actionId: string;
  actionName: string;
  status: 'undone';
  /** True when the action had already been undone: nothing ran this time. */
  alreadyUndone: boolean;
  /** Who or what undid it and why (the first undo, when already undone). */
  undo: UndoInfo;
}

export interface UndoExecution {
  record: UndoLogRecord;
  undo: UndoInfo;
  /**
   * `undoing` for a requested undo of a `done` record; `pending` when crash recovery rolls
   * back a record whose `do` never reported (there is no result then).
   */
  heldStatus: 'undoing' | 'pending';
  /** What the record becomes when `undo` fails, so it can be undone or recovered again. */
  onFailure: UndoLogRecordPatch;
  abortSignal: AbortSignal;
  /** Writes the outcome (default: `store.update`); crash recovery batches these writes. */
  settle?: SettleRecord;
}

/** Writes a compare-and-set of a record's outcome; resolves with whether it applied. */
export type SettleRecord = (id: string, update: UndoLogUpdate) => Promise<boolean>;

/**
 * Settles one record at once. Through `updateMany` when the store has it: the caller needs only
 * whether the write applied, and a store need not send the whole record back for that.
 */
export function settleDirectly(store: UndoLogStore): SettleRecord {
  const updateMany = store.updateMany?.bind(store);
  if (updateMany) return async (id, update) => (await updateMany([{ id, ...update }]))[0] === true;
  return async (id, update) => (await store.update(id, update)) !== undefined;
}

/** Calls the action's `undo` under this process's lease, then records `undone`. */
export async function performUndo(
  runtime: UndoLogRuntime,
  action: AnyActionDefinition & { reversible: true },
  execution: UndoExecution,
): Promise<UndoResult> {
  const { store, clock, ownerId } = runtime;
  const { record, undo, abortSignal } = execution;
  const settle = execution.settle ?? settleDirectly(store);
  const expect = { statuses: [execution.heldStatus], leaseOwner: ownerId };
  const stopHeartbeat = runtime.leases.hold(record.id, expect.statuses);
  try {
    await withRetry(
      (attempt) =>
        Promise.resolve(
          action.undo(record.input, {
            actionId: record.id,
            traceId: record.traceId,
            result: execution.heldStatus === 'undoing' ? record.result : undefined,
            snapshot: restoreSnapshot(action, record.snapshot),
            by: undo.by,
            reason: undo.reason,
            attempt,
            abortSignal,
          }),
        ),
      action.retry ?? runtime.retry,
      abortSignal,
    );
  } catch (error) {
    stopHeartbeat();
    const failure = abortSignal.aborted ? abortSignal.reason : error;
    const set = { ...execution.onFailure, error: toStoredError(failure), updatedAt: clock.now() };
    await settle(record.id, { expect, set });
    if (abortSignal.aborted) throw abortSignal.reason;
    throw new UndoFailedError({ actionId: record.id, cause: error });
  }
  stopHeartbeat();
  const set = {
    status: 'undone',
    undo,
    leaseOwner: null,
    leaseExpiresAt: null,
    updatedAt: clock.now(),
  } as const;
  if (!(await settle(record.id, { expect, set })))
    throw new LeaseLostError({ actionId: record.id });
  return {
    actionId: record.id,
    actionName: record.actionName,
    status: 'undone',
    alreadyUndone: false,
    undo,
  };
}
