import { type Awaitable, type LoopStepInput, parseInput, type StepOptions } from '@guardloop/core';
import { abortOptionsSchema, hashCanonicalJson } from '@guardloop/core/internal';
import { z } from 'zod';
import type { ApprovalToken } from '../approval/approval-token';
import type { RunResult } from '../log/run-options';
import type { UndoLog } from '../log/undo-log';

/** The loop's `act` step, as `createActStep` builds it. */
export type ActStep = (input: LoopStepInput, options?: StepOptions) => Promise<unknown>;

export interface ActStepOptions {
  /** The run's idempotency key. Default: `actStepIdempotencyKey(input)`. */
  idempotencyKey?: (input: LoopStepInput) => string;
  /** The approval token of an irreversible action (e.g. from the human decision). Default: none. */
  approval?: (input: LoopStepInput) => Awaitable<ApprovalToken | undefined>;
  /** What the loop records as `actionResult`. Default: the `RunResult` itself. */
  result?: (run: RunResult<unknown>, input: LoopStepInput) => Awaitable<unknown>;
}

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
  message: 'Expected a function',
});
const undoLogSchema = z.custom<UndoLog>(
  (value) => typeof (value as UndoLog | null)?.run === 'function',
  'Expected an UndoLog',
);
const optionsSchema = z
  .object({ idempotencyKey: fn.optional(), approval: fn.optional(), result: fn.optional() })
  .optional();
// Only what the step reads: `run` validates the actor, the input and the key itself.
const stepInputSchema = z.looseObject({
  traceId: z.string().min(1),
  actor: z.unknown(),
  hypothesis: z.looseObject(
    {
      id: z.string().min(1),
      action: z.looseObject(
        {
          name: z.string().min(1),
          input: z.unknown(),
          idempotencyKey: z.string().min(1).optional(),
          dryRun: z.boolean().optional(),
        },
        'The hypothesis proposes no action',
      ),
    },
    'No hypothesis to act on',
  ),
});

/**
 * The default idempotency key of the act step: the action's own `idempotencyKey`, else `loop:`
 * and the SHA-256 of the trace id and hypothesis id. A retried trace (the same `traceId`, the same
 * hypothesis) gets the same key, so the undo log replays the stored result instead of running
 * the action twice. Hashed rather than joined, so no two (trace, hypothesis) pairs share a key
 * whatever characters they hold, and the key stays short.
 */
export function actStepIdempotencyKey(input: LoopStepInput): string {
  const { traceId, hypothesis } = parseInput(stepInputSchema, input, 'act step input');
  return hypothesis.action.idempotencyKey ?? `loop:${hashCanonicalJson([traceId, hypothesis.id])}`;
}

/**
 * The loop's `act` step over an undo log: runs the chosen hypothesis's action by name (its
 * definition, registered in the log, validates the input and says whether it is reversible),
 * as the loop's actor, on the trace, with the action's `dryRun` and the step's `abortSignal`.
 * Use it as `createLoop({ actions: undoLog, steps: { act: createActStep(undoLog) } })`.
 * @throws InvalidInputError (`invalid_input`) for a malformed undo log or options; the step
 * rejects with it when there is no hypothesis or it proposes no action, and with the undo log's
 * errors (`unknown_action`, `approval_required`, `idempotency_conflict`...) otherwise
 */
export function createActStep(undoLog: UndoLog, options?: ActStepOptions): ActStep {
  parseInput(undoLogSchema, undoLog, 'act step undo log');
  parseInput(optionsSchema, options, 'act step options');
  const keyOf = options?.idempotencyKey ?? actStepIdempotencyKey;
  return async (input, stepOptions) => {
    const { traceId, actor, hypothesis } = parseInput(stepInputSchema, input, 'act step input');
    const abortSignal = parseInput(
      abortOptionsSchema,
      stepOptions,
      'act step options',
    )?.abortSignal;
    const { action } = hypothesis;
    const approval = await options?.approval?.(input);
    const run = await undoLog.run(action.name, action.input, {
      idempotencyKey: keyOf(input),
      traceId,
      actor: actor as LoopStepInput['actor'],
      ...(action.dryRun ? { dryRun: true } : {}),
      ...(approval === undefined ? {} : { approval }),
      ...(abortSignal ? { abortSignal } : {}),
    });
    return options?.result ? options.result(run, input) : run;
  };
}
