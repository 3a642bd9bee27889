import { throwIfAborted } from '@guardloop/core';
import type { AnyActionDefinition } from '../action/define-action';
import { ActionFailedError } from '../errors/action-failed-error';
import { LeaseLostError } from '../errors/lease-lost-error';
import type { UndoLogRecord, UndoLogRecordPatch } from '../record/undo-log-record';
import { withRetry } from '../retry/with-retry';
import { startLeaseHeartbeat } from './lease-heartbeat';
import type { RunResult } from './run-options';
import { restoreSnapshot, toStoredError, type UndoLogRuntime } from './undo-log-runtime';

/**
 * Runs `do` for a record this process just wrote as `pending` (holding its lease), with
 * retries, then records `done` with the result or `failed` with the error.
 */
export async function executeAction(
  runtime: UndoLogRuntime,
  action: AnyActionDefinition,
  record: UndoLogRecord,
  input: unknown,
  signal: AbortSignal,
): Promise<RunResult<unknown>> {
  const { store, clock, leaseMs, ownerId } = runtime;
  const expect = { statuses: ['pending'] as const, leaseOwner: ownerId };
  const stopHeartbeat = startLeaseHeartbeat(clock, leaseMs, (leaseExpiresAt) =>
    store.update(record.id, { expect, set: { leaseExpiresAt } }),
  );
  const finish = async (set: UndoLogRecordPatch) => {
    const now = clock.now();
    const patch = { ...set, leaseOwner: null, leaseExpiresAt: null, updatedAt: now };
    const updated = await store.update(record.id, { expect, set: patch });
    if (!updated) throw new LeaseLostError({ actionId: record.id });
  };

  let attempts = 0;
  let result: unknown;
  try {
    result = await withRetry(
      async (attempt) => {
        attempts = attempt;
        throwIfAborted(signal);
        return action.do(input, {
          actionId: record.id,
          idempotencyKey: record.idempotencyKey,
          traceId: record.traceId,
          actor: record.actor,
          snapshot: restoreSnapshot(action, record.snapshot),
          attempt,
          signal,
        });
      },
      action.retry ?? runtime.retry,
      signal,
    );
  } catch (error) {
    stopHeartbeat();
    await finish({
      status: 'failed',
      error: toStoredError(signal.aborted ? signal.reason : error),
      attempts: record.attempts + attempts,
    });
    if (signal.aborted) throw signal.reason;
    throw new ActionFailedError({ actionId: record.id, actionName: action.name, cause: error });
  }
  stopHeartbeat();
  await finish({
    status: 'done',
    result: result ?? null,
    error: null,
    attempts: record.attempts + attempts,
  });
  return { status: 'done', actionId: record.id, result, replayed: false };
}
