import { actorSchema, parseInput } from '@guardloop/core';
import { abortSignalSchema, describeThrown, throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { AnyActionDefinition } from '../action/define-action';
import { type ApprovalToken, approvalTokenSchema } from '../approval/approval-token';
import { InvalidActionStateError } from '../errors/invalid-action-state-error';
import { ResultNotStorableError } from '../errors/result-not-storable-error';
import { SagaFailedError } from '../errors/saga-failed-error';
import { storableTextSchema } from '../record/storable-values';
import { rollBackSaga } from './roll-back-saga';
import { planOf, runParsed } from './run-action';
import { parseStorableInput, type RunResult } from './run-options';
import { resolveAction, type UndoLogRuntime } from './undo-log-runtime';

export interface SagaStep {
  action: AnyActionDefinition | string;
  input: unknown;
  /** Default: `${options.idempotencyKey}:${index}`. */
  idempotencyKey?: string;
  approval?: ApprovalToken;
}

const stepSchema = z.object({
  action: z.union([z.string().min(1), z.object({ name: z.string().min(1) }).loose()]),
  input: z.unknown(),
  idempotencyKey: storableTextSchema.optional(),
  approval: approvalTokenSchema.optional(),
});
const stepsSchema = z.array(stepSchema).min(1);

export const sagaOptionsSchema = z.object({
  traceId: storableTextSchema,
  actor: actorSchema,
  /** Prefix of the steps' idempotency keys, so a retried saga replays its finished steps. */
  idempotencyKey: storableTextSchema.optional(),
  dryRun: z.boolean().optional(),
  abortSignal: abortSignalSchema.optional(),
});
export type SagaOptions = z.input<typeof sagaOptionsSchema>;

export type SagaResult =
  | { status: 'done'; steps: RunResult<unknown>[] }
  | { status: 'dry_run'; plans: unknown[] };

/**
 * `UndoLog.runSaga`: runs steps in order. Every step is validated before the first runs;
 * when one fails, the completed steps are undone newest first (irreversible ones cannot be)
 * and a `SagaFailedError` reports what was rolled back.
 */
export async function runSaga(
  runtime: UndoLogRuntime,
  rawSteps: readonly SagaStep[],
  rawOptions: SagaOptions,
): Promise<SagaResult> {
  const options = parseInput(sagaOptionsSchema, rawOptions, 'saga options');
  parseInput(stepsSchema, rawSteps, 'saga steps');
  throwIfAborted(options.abortSignal);
  const steps = rawSteps.map((step, index) => {
    const action = resolveAction(
      runtime,
      typeof step.action === 'string' ? step.action : step.action.name,
    );
    const input = parseInput(
      action.input,
      step.input,
      `input of saga step ${index} ('${action.name}')`,
    );
    if (!options.dryRun) parseStorableInput(action, input);
    const key =
      step.idempotencyKey ?? (options.idempotencyKey && `${options.idempotencyKey}:${index}`);
    return { action, input, key, approval: step.approval };
  });
  if (options.dryRun) {
    const plans = [];
    for (const step of steps) plans.push(await planOf(step.action, step.input, options));
    return { status: 'dry_run', plans };
  }

  const results: RunResult<unknown>[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      const result = await runParsed(runtime, step.action, step.input, {
        ...options,
        idempotencyKey: step.key,
        approval: step.approval,
      });
      if (result.status === 'undone') {
        throw new InvalidActionStateError({
          actionId: result.actionId,
          status: 'undone',
          request: 'continue a saga with',
        });
      }
      results.push(result);
    } catch (error) {
      const reason = `saga step ${index} ('${step.action.name}') failed: ${describeThrown(error)}`;
      // This step took effect and is recorded done without its result: roll it back too.
      const tookEffect = ResultNotStorableError.isInstance(error)
        ? [
            {
              status: 'done' as const,
              actionId: error.actionId,
              result: null,
              replayed: true as const,
            },
          ]
        : [];
      const rollback = await rollBackSaga(
        runtime,
        [...results, ...tookEffect],
        options.actor,
        reason,
      );
      if (options.abortSignal?.aborted) throw options.abortSignal.reason;
      throw new SagaFailedError({
        failedStep: index,
        failedActionName: step.action.name,
        cause: error,
        ...rollback,
      });
    }
  }
  return { status: 'done', steps: results };
}
