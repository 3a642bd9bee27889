import { throwIfAborted } from '@guardloop/core/internal';
import type { AnyActionDefinition } from '../action/define-action';
import { ActionFailedError, isRetryableError } from '../errors/action-failed-error';
import { LeaseLostError } from '../errors/lease-lost-error';
import { ResultNotStorableError } from '../errors/result-not-storable-error';
import { storableJsonIssue } from '../record/storable-values';
import type { UndoLogRecord, UndoLogRecordPatch } from '../record/undo-log-record';
import { withRetry } from '../retry/with-retry';
import { settleDirectly } from './perform-undo';
import type { RunResult } from './run-options';
import { toStoreError } from './store-call';
import {
  restoreSnapshot,
  signalOrNever,
  toStoredError,
  type UndoLogRuntime,
} from './undo-log-runtime';

/**
 * Runs `do` for a record this process just wrote as `pending` (holding its lease), with
 * retries, then records `done` with the result or `failed` with the error.
 */
export async function executeAction(
  runtime: UndoLogRuntime,
  action: AnyActionDefinition,
  record: UndoLogRecord,
  input: unknown,
  abortSignal: AbortSignal,
): Promise<RunResult<unknown>> {
  const { store, clock, ownerId } = runtime;
  const expect = { statuses: ['pending'] as const, leaseOwner: ownerId };
  const stopHeartbeat = runtime.leases.hold(record.id, expect.statuses);
  const settle = settleDirectly(store);
  const finish = async (set: UndoLogRecordPatch) => {
    const now = clock.now();
    const patch = { ...set, leaseOwner: null, leaseExpiresAt: null, updatedAt: now };
    if (!(await settle(record.id, { expect, set: patch })))
      throw new LeaseLostError({ actionId: record.id });
  };
  // `do` has run: the outcome must reach the store even if the caller aborts, and a failure
  // must never read as "did not happen" (recovery would then undo a real effect).
  const recordOutcome = async (set: UndoLogRecordPatch, operation: string) => {
    try {
      await withRetry(
        () => finish(set),
        { ...runtime.retry, isRetryable: isRetryableError },
        signalOrNever(undefined),
      );
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      throw toStoreError(operation, true, error);
    }
  };

  let attempts = 0;
  let result: unknown;
  try {
    result = await withRetry(
      async (attempt) => {
        attempts = attempt;
        throwIfAborted(abortSignal);
        return action.do(input, {
          actionId: record.id,
          idempotencyKey: record.idempotencyKey,
          traceId: record.traceId,
          actor: record.actor,
          snapshot: restoreSnapshot(action, record.snapshot),
          attempt,
          abortSignal,
        });
      },
      action.retry ?? runtime.retry,
      abortSignal,
    );
  } catch (error) {
    stopHeartbeat();
    await recordOutcome(
      {
        status: 'failed',
        error: toStoredError(abortSignal.aborted ? abortSignal.reason : error),
        attempts: record.attempts + attempts,
      },
      `undo log: recording action ${record.id} failed`,
    );
    if (abortSignal.aborted) throw abortSignal.reason;
    throw new ActionFailedError({ actionId: record.id, actionName: action.name, cause: error });
  }
  stopHeartbeat();
  const unstorable = storableJsonIssue(result);
  if (unstorable) {
    const issues = [{ path: unstorable.path.join('.'), message: unstorable.message }];
    const error = new ResultNotStorableError({
      actionId: record.id,
      actionName: action.name,
      issues,
    });
    // Done without the result: the effect happened, so it must be neither re-run nor undone.
    await recordOutcome(
      {
        status: 'done',
        result: null,
        error: toStoredError(error),
        attempts: record.attempts + attempts,
      },
      `undo log: recording action ${record.id} done`,
    );
    throw error;
  }
  await recordOutcome(
    { status: 'done', result: result ?? null, error: null, attempts: record.attempts + attempts },
    `undo log: recording action ${record.id} done`,
  );
  return { status: 'done', actionId: record.id, result, replayed: false };
}
