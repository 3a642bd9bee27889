import { type ActionCatalog, type ActionDescription, parseInput } from '@guardloop/core';
import type { z } from 'zod';
import type { ActionDefinition } from '../action/define-action';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { UndoLogRecord } from '../record/undo-log-record';
import { actionIdSchema, actionNameSchema, traceIdSchema } from './id-schemas';
import type { UndoResult } from './perform-undo';
import { type RecoverOptions, type RecoverResult, recover } from './recover';
import { runAction } from './run-action';
import type { RunOptions, RunResult } from './run-options';
import { runSaga, type SagaOptions, type SagaResult, type SagaStep } from './run-saga';
import { type RecoveryLoop, type StartRecoveryOptions, startRecovery } from './start-recovery';
import { type UndoOptions, undoAction } from './undo-action';
import { readRecord, type UndoLogRuntime } from './undo-log-runtime';
import { type UndoTraceResult, undoTrace } from './undo-trace';

/** The log also describes its actions, so `createLoop({ actions: undoLog })` decides approvals. */
export interface UndoLog extends ActionCatalog {
  /** Runs an action through the log (see `RunOptions`). */
  run<InputSchema extends z.ZodType, Output, Snapshot>(
    action: ActionDefinition<InputSchema, Output, Snapshot>,
    input: z.input<InputSchema>,
    options: RunOptions,
  ): Promise<RunResult<Output>>;
  /** Runs a registered action by name; the input is validated by its schema. */
  run(action: string, input: unknown, options: RunOptions): Promise<RunResult<unknown>>;
  runSaga(steps: readonly SagaStep[], options: SagaOptions): Promise<SagaResult>;
  undo(actionId: string, options: UndoOptions): Promise<UndoResult>;
  undoTrace(traceId: string, options: UndoOptions): Promise<UndoTraceResult>;
  recover(options?: RecoverOptions): Promise<RecoverResult>;
  /** Runs `recover` now and every `intervalMs` (on the log's clock) until stopped or aborted. */
  startRecovery(options: StartRecoveryOptions): RecoveryLoop;
  /** The stored record of an action (`action_not_found` when there is none). */
  getRecord(actionId: string): Promise<UndoLogRecord>;
  /** The records of a trace, oldest first. */
  listTrace(traceId: string): Promise<UndoLogRecord[]>;
  /**
   * `{ reversible }` of the registered action, from its definition; `undefined` for a name no
   * action of this log has. Throws `invalid_input` when `name` is not a string.
   */
  describeAction(name: string): ActionDescription | undefined;
}

export function createUndoLogApi(runtime: UndoLogRuntime): UndoLog {
  return {
    run: ((action: Parameters<typeof runAction>[1], input: unknown, options: RunOptions) =>
      runAction(runtime, action, input, options)) as UndoLog['run'],
    runSaga: (steps, options) => runSaga(runtime, steps, options),
    undo: (actionId, options) => undoAction(runtime, actionId, options),
    undoTrace: (traceId, options) => undoTrace(runtime, traceId, options),
    recover: (options) => recover(runtime, options),
    startRecovery: (options) => startRecovery(runtime, options),
    getRecord: async (actionId) => {
      parseInput(actionIdSchema, actionId, 'action id');
      return readRecord(runtime, actionId);
    },
    listTrace: async (traceId) => {
      parseInput(traceIdSchema, traceId, 'trace id');
      return (await runtime.store.listByTrace(traceId)).map(parseStoredRecord);
    },
    describeAction: (name) => {
      parseInput(actionNameSchema, name, 'action name');
      const action = runtime.actions.get(name);
      return action ? { reversible: action.reversible } : undefined;
    },
  };
}
