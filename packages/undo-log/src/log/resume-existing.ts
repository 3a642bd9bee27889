import { parseInput } from '@guardloop/core';
import type { AnyActionDefinition } from '../action/define-action';
import { ActionInProgressError } from '../errors/action-in-progress-error';
import { ActionInterruptedError } from '../errors/action-interrupted-error';
import { IdempotencyConflictError } from '../errors/idempotency-conflict-error';
import { MalformedRecordError } from '../errors/malformed-record-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { UndoLogRecord } from '../record/undo-log-record';
import { executeAction } from './execute-action';
import { interruptedErrorCode } from './recover-record';
import type { RunRequest } from './run-action';
import type { RunResult } from './run-options';
import { storeCall } from './store-call';
import type { UndoLogRuntime } from './undo-log-runtime';

export interface ResumeContext {
  runtime: UndoLogRuntime;
  action: AnyActionDefinition;
  input: unknown;
  inputHash: string;
  options: RunRequest;
  abortSignal: AbortSignal;
}

/**
 * The idempotency key is taken. Same action and input: replay a finished record, refuse
 * while it runs elsewhere, or run again after a failure (a failed `do` left no effect by
 * contract) unless recovery marked it interrupted: then nobody knows whether the effect
 * happened, and only a person may decide. Anything else under the same key is a conflict.
 */
export async function resumeExisting(
  context: ResumeContext,
  record: UndoLogRecord,
): Promise<RunResult<unknown>> {
  const { runtime, action, options } = context;
  if (record.actionName !== action.name || record.inputHash !== context.inputHash) {
    throw new IdempotencyConflictError({
      idempotencyKey: record.idempotencyKey,
      existingActionId: record.id,
      existingActionName: record.actionName,
    });
  }
  if (record.status === 'done' || record.status === 'undone') {
    return {
      status: record.status,
      actionId: record.id,
      result: replayed(action, record),
      replayed: true,
    };
  }
  if (record.status !== 'failed') {
    throw new ActionInProgressError({ actionId: record.id, status: record.status });
  }
  if (record.error?.code === interruptedErrorCode) throw new ActionInterruptedError({ record });
  const { traceId, actor, idempotencyKey } = options;
  const abortSignal = context.abortSignal;
  const snapshot = action.snapshot
    ? await action.snapshot(context.input, { traceId, actor, idempotencyKey, abortSignal })
    : null;
  const now = runtime.clock.now();
  const claimed = await storeCall(`undo log: claiming failed action ${record.id}`, false, () =>
    runtime.store.update(record.id, {
      expect: { statuses: ['failed'] },
      set: {
        status: 'pending',
        snapshot: snapshot ?? null,
        error: null,
        traceId,
        actor,
        approval: options.approval ?? null,
        leaseOwner: runtime.ownerId,
        leaseExpiresAt: now + runtime.leaseMs,
        updatedAt: now,
      },
    }),
  );
  // Another process re-ran it first: it is pending there now.
  if (!claimed) throw new ActionInProgressError({ actionId: record.id, status: 'pending' });
  return executeAction(runtime, action, parseStoredRecord(claimed), context.input, abortSignal);
}

function replayed(action: AnyActionDefinition, record: UndoLogRecord): unknown {
  if (!action.output || record.result === null) return record.result;
  try {
    return parseInput(action.output, record.result, `stored result of ${record.id}`);
  } catch (error) {
    throw new MalformedRecordError({
      recordId: record.id,
      issues: [{ path: 'result', message: 'does not match the action output schema' }],
      cause: error,
    });
  }
}
