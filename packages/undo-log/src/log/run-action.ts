import { parseInput, throwIfAborted } from '@guardloop/core';
import type { z } from 'zod';
import type { PlanContext } from '../action/action-context';
import type { AnyActionDefinition } from '../action/define-action';
import { checkApproval } from '../approval/check-approval';
import { IdempotencyKeyRequiredError } from '../errors/idempotency-key-required-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { NewUndoLogRecord } from '../record/undo-log-record';
import { executeAction } from './execute-action';
import { hashInput } from './input-hash';
import { resumeExisting } from './resume-existing';
import {
  parseStorableInput,
  type RunOptions,
  type RunResult,
  runOptionsSchema,
} from './run-options';
import { storeCall } from './store-call';
import { resolveAction, signalOrNever, type UndoLogRuntime } from './undo-log-runtime';

export type RunRequest = z.output<typeof runOptionsSchema>;

/** `UndoLog.run`: validate, plan or approve, write the intent, then execute or replay. */
export async function runAction(
  runtime: UndoLogRuntime,
  actionOrName: AnyActionDefinition | string,
  rawInput: unknown,
  rawOptions: RunOptions,
): Promise<RunResult<unknown>> {
  const options = parseInput(runOptionsSchema, rawOptions, 'run options');
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
  const signal = signalOrNever(options.abortSignal);
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
  const context = { runtime, action, input, inputHash, options, signal };
  const existing = await storeCall('undo log: looking up the idempotency key', false, () =>
    runtime.store.getByIdempotencyKey(idempotencyKey),
  );
  if (existing) return resumeExisting(context, parseStoredRecord(existing));

  const plan: PlanContext = { traceId, actor, idempotencyKey, signal };
  const snapshot = action.snapshot ? await action.snapshot(input, plan) : null;
  throwIfAborted(signal);
  const now = runtime.clock.now();
  const newRecord: NewUndoLogRecord = {
    id: runtime.ids(),
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
  const stored = parseStoredRecord(record);
  if (!inserted) return resumeExisting(context, stored);
  return executeAction(runtime, action, stored, input, signal);
}

export async function planOf(
  action: AnyActionDefinition,
  input: unknown,
  options: RunRequest,
): Promise<unknown> {
  if (!action.dryRun) return { action: action.name, input, reversible: action.reversible };
  const signal = signalOrNever(options.abortSignal);
  const { traceId, actor } = options;
  return action.dryRun(input, { traceId, actor, idempotencyKey: options.idempotencyKey, signal });
}

function keyFor(runtime: UndoLogRuntime, action: AnyActionDefinition, key: string | undefined) {
  if (key !== undefined) return key;
  // An approval token is bound to a key, so irreversible actions always need one.
  if (runtime.requireIdempotencyKey || !action.reversible) {
    throw new IdempotencyKeyRequiredError({ actionName: action.name });
  }
  return `auto:${runtime.ids()}`;
}
