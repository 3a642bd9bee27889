import { parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import type { PlanContext } from '../action/action-context';
import type { AnyActionDefinition } from '../action/define-action';
import { checkApproval } from '../approval/check-approval';
import { IdempotencyKeyRequiredError } from '../errors/idempotency-key-required-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { NewUndoLogRecord, UndoLogRecord } from '../record/undo-log-record';
import { executeAction } from './execute-action';
import { hashInput } from './input-hash';
import { resumeExisting } from './resume-existing';
import {
  parseRunOptions,
  parseStorableInput,
  type RunOptions,
  type RunRequest,
  type RunResult,
} from './run-options';
import { storeCall } from './store-call';
import { resolveAction, signalOrNever, type UndoLogRuntime } from './undo-log-runtime';

export type { RunRequest };

/** `UndoLog.run`: validate, plan or approve, write the intent, then execute or replay. */
export async function runAction(
  runtime: UndoLogRuntime,
  actionOrName: AnyActionDefinition | string,
  rawInput: unknown,
  rawOptions: RunOptions,
): Promise<RunResult<unknown>> {
  const options = parseRunOptions(rawOptions);
  throwIfAborted(options.abortSignal);
  const action = resolveAction(
    runtime,
    typeof actionOrName === 'string' ? actionOrName : actionOrName?.name,
  );
  const input = parseInput(action.input, rawInput, `input of action '${action.name}'`);
  if (options.dryRun)
    return { status: 'dry_run', plan: await planOf(action, input, options), replayed: false };
  // The record keeps the input: what no store can keep is refused before anything runs.
  parseStorableInput(action, input);
  return runParsed(runtime, action, input, options);
}

/** Runs an action whose input and options were already validated (sagas validate up front). */
export async function runParsed(
  runtime: UndoLogRuntime,
  action: AnyActionDefinition,
  input: unknown,
  options: RunRequest,
): Promise<RunResult<unknown>> {
  const abortSignal = signalOrNever(options.abortSignal);
  const idempotencyKey = keyFor(runtime, action, options.idempotencyKey);
  const { traceId, actor } = options;
  if (!action.reversible) {
    await checkApproval(runtime.verifyApproval, {
      actionName: action.name,
      idempotencyKey,
      input,
      actor,
      now: runtime.clock.now(),
      approval: options.approval,
    });
  }
  const inputHash = hashInput(input);
  const context = { runtime, action, input, inputHash, options, abortSignal };
  // Insert first (the store answers a taken key with the record holding it): a new action costs
  // two round trips. Only an action with a snapshot looks the key up first, so that a replay
  // never takes one.
  if (action.snapshot) {
    const existing = await storeCall('undo log: looking up the idempotency key', false, () =>
      runtime.store.getByIdempotencyKey(idempotencyKey),
    );
    if (existing) return resumeExisting(context, parseStoredRecord(existing));
  }

  const plan: PlanContext = { traceId, actor, idempotencyKey, abortSignal };
  const snapshot = action.snapshot ? await action.snapshot(input, plan) : null;
  throwIfAborted(abortSignal);
  const now = runtime.clock.now();
  const newRecord: NewUndoLogRecord = {
    id: runtime.idGenerator(),
    actionName: action.name,
    idempotencyKey,
    inputHash,
    input,
    snapshot: snapshot ?? null,
    result: null,
    error: null,
    status: 'pending',
    reversible: action.reversible,
    traceId,
    actor,
    approval: options.approval ?? null,
    undo: null,
    attempts: 0,
    leaseOwner: runtime.ownerId,
    leaseExpiresAt: now + runtime.leaseMs,
    createdAt: now,
    updatedAt: now,
  };
  const { inserted, record } = await storeCall('undo log: writing the intent', false, () =>
    runtime.store.insert(newRecord),
  );
  if (!inserted) return resumeExisting(context, parseStoredRecord(record));
  return executeAction(runtime, action, ownWrite(newRecord, record), input, abortSignal);
}

export async function planOf(
  action: AnyActionDefinition,
  input: unknown,
  options: RunRequest,
): Promise<unknown> {
  if (!action.dryRun) return { action: action.name, input, reversible: action.reversible };
  const abortSignal = signalOrNever(options.abortSignal);
  const { traceId, actor } = options;
  return action.dryRun(input, {
    traceId,
    actor,
    idempotencyKey: options.idempotencyKey,
    abortSignal,
  });
}

function keyFor(runtime: UndoLogRuntime, action: AnyActionDefinition, key: string | undefined) {
  if (key !== undefined) return key;
  // An approval token is bound to a key, so irreversible actions always need one.
  if (runtime.requireIdempotencyKey || !action.reversible) {
    throw new IdempotencyKeyRequiredError({ actionName: action.name });
  }
  return `auto:${runtime.idGenerator()}`;
}

/**
 * The record this process just inserted, without validating all of it again: only what the
 * store added (`sequence`) is checked. `do` still sees the snapshot as stored (JSON), as it
 * would after a crash.
 */
function ownWrite(written: NewUndoLogRecord, stored: { sequence?: unknown }): UndoLogRecord {
  const { sequence } = stored;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0)
    return parseStoredRecord(stored);
  const snapshot = written.snapshot === null ? null : JSON.parse(JSON.stringify(written.snapshot));
  return { ...written, snapshot, sequence };
}
