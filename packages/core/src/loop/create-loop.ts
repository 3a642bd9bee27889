import { createActor, fromPromise } from 'xstate';
import { z } from 'zod';
import { createSignal } from '../intake/create-signal';
import {
  createSignalDeduplicator,
  type SignalDeduplicatorOptions,
} from '../intake/signal-deduplicator';
import type { Rail } from '../rails/rail';
import { validateRails } from '../rails/validate-rails';
import { type ActorInput, actorSchema } from '../schemas/actor';
import { type Decision, decisionSchema } from '../schemas/decision';
import { type Hypothesis, type HypothesisInput, hypothesisSchema } from '../schemas/hypothesis';
import { type Intent, type IntentInput, intentSchema } from '../schemas/intent';
import type { Signal, SignalInput } from '../schemas/signal';
import { raceAbort, throwIfAborted } from '../utils/abort';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import {
  abortSignalSchema,
  clockSchema,
  idGeneratorSchema,
  timeoutMsSchema,
} from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';
import { type LoopEscalationSink, loopEscalationSinkSchema } from './loop-escalation-sink';
import { type DecideInput, loopMachine } from './loop-machine';
import type { Escalation, LoopEvent, LoopStatus, LoopStepInput, LoopStepName } from './loop-types';

type Awaitable<T> = T | Promise<T>;
export interface StepOptions {
  abortSignal: AbortSignal;
}

/** The host's implementation of each step. Outputs are validated before the loop uses them. */
export interface LoopSteps {
  classifyIntent: (input: LoopStepInput, options: StepOptions) => Awaitable<IntentInput>;
  proposeHypotheses: (input: LoopStepInput, options: StepOptions) => Awaitable<HypothesisInput[]>;
  /** Carries out the chosen hypothesis's action (typically through the undo log). */
  act: (input: LoopStepInput, options: StepOptions) => Awaitable<unknown>;
  /** Replaces the rail engine; rarely needed. */
  decide?: (input: LoopStepInput, options: StepOptions) => Awaitable<Decision>;
  learn?: (input: LoopStepInput, options: StepOptions) => Awaitable<void>;
}

export interface LoopConfig {
  steps: LoopSteps;
  rails?: readonly Rail[];
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** Default per-rail timeout (ms). */
  railTimeoutMs?: number;
  /** Drop repeats of a signal fingerprint within a window. Off by default. */
  deduplicate?: false | Omit<SignalDeduplicatorOptions, 'clock'>;
  /** Called synchronously for every event of every run. */
  onEvent?: (event: LoopEvent) => void;
  /**
   * Writes every escalation of a proposed action (a rail's, or an irreversible action awaiting
   * approval) durably before `handle()` returns, e.g. an `Inbox` from `@guardloop/inbox`. When
   * the write fails the run ends `failed` at step `escalate`, never a plain `escalated`.
   */
  inbox?: LoopEscalationSink;
}

export interface HandleOptions {
  actor: ActorInput;
  attributes?: Record<string, unknown>;
  abortSignal?: AbortSignal;
  /** Same as `abortSignal`. */
  signal?: AbortSignal;
}

export interface LoopResult {
  status: LoopStatus | 'duplicate';
  traceId: string;
  signal: Signal;
  intent?: Intent;
  hypotheses: Hypothesis[];
  hypothesis?: Hypothesis;
  decision?: Decision;
  actionResult?: unknown;
  escalation?: Escalation;
  failure?: { step: LoopStepName; error: unknown };
  /** The inbox's id for the escalation, when it was written there. */
  escalationId?: string;
  /** For duplicates: the trace that handled the first occurrence. */
  duplicateOf?: string;
  events: LoopEvent[];
}

export interface Loop {
  /**
   * Runs one signal through the loop. Resolves for every outcome, a failed step included: with
   * an `inbox`, a failed escalation write resolves `failed` at step `escalate`.
   * @throws InvalidInputError when the signal or actor is malformed
   * @throws the abort reason when aborted
   */
  handle(signal: SignalInput | Signal, options: HandleOptions): Promise<LoopResult>;
  /** The loop machine with the host's steps provided, for xstate users. */
  readonly machine: typeof loopMachine;
}

const step = <Output, Input extends LoopStepInput = LoopStepInput>(
  run: (input: LoopStepInput, options: StepOptions) => Awaitable<unknown>,
  parse: (value: unknown) => Output,
) =>
  fromPromise<Output, Input>(async ({ input, signal }) =>
    parse(await run(input, { abortSignal: signal })),
  );

const fn = (message = 'Expected a function') =>
  z.custom<never>((value) => typeof value === 'function', message);

// Only shapes: rails are checked by validateRails, deduplication by createSignalDeduplicator.
const configSchema = z.object({
  steps: z.object({
    classifyIntent: fn(),
    proposeHypotheses: fn(),
    act: fn(),
    decide: fn().optional(),
    learn: fn().optional(),
  }),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  railTimeoutMs: timeoutMsSchema.optional(),
  deduplicate: z.union([z.literal(false), z.looseObject({})]).optional(),
  onEvent: fn().optional(),
  inbox: loopEscalationSinkSchema.optional(),
});

const handleOptionsSchema = z.object({
  actor: z.unknown(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  abortSignal: abortSignalSchema.optional(),
  signal: abortSignalSchema.optional(),
});

/**
 * The loop as a plain async function, for hosts that do not want to touch xstate.
 * @throws InvalidInputError for a malformed config (steps, clock, `railTimeoutMs` outside
 * 1..2^31 − 1...), InvalidRailError for bad rails
 */
export function createLoop(config: LoopConfig): Loop {
  const {
    steps,
    rails = [],
    clock = systemClock,
    idGenerator = randomIdGenerator,
    railTimeoutMs,
    deduplicate = false,
    onEvent,
    inbox,
  } = config ?? ({} as LoopConfig);
  parseInput(configSchema, config, 'loop config');
  validateRails(rails);
  const deduplicator = deduplicate
    ? createSignalDeduplicator({ ...deduplicate, clock })
    : undefined;

  const machine = loopMachine.provide({
    actors: {
      classifyIntent: step(steps.classifyIntent, (value) =>
        parseInput(intentSchema, value, 'intent'),
      ),
      proposeHypotheses: step(steps.proposeHypotheses, (value) =>
        parseInput(hypothesisSchema.array(), value, 'hypotheses'),
      ),
      act: step(steps.act, (value) => value),
      ...(steps.decide
        ? {
            decide: step<Decision, DecideInput>(steps.decide, (value) =>
              parseInput(decisionSchema, value, 'decision'),
            ),
          }
        : {}),
      ...(steps.learn ? { learn: step<void>(steps.learn, () => undefined) } : {}),
    },
  }) as unknown as typeof loopMachine;

  return {
    machine,
    async handle(signalInput, handleOptions) {
      const options = parseInput(handleOptionsSchema, handleOptions, 'handle options');
      const abortSignal = options.abortSignal ?? options.signal;
      throwIfAborted(abortSignal);
      const signal = createSignal(signalInput, { clock, idGenerator });
      const actor = parseInput(actorSchema, options.actor, 'actor');
      const events: LoopEvent[] = [];
      if (deduplicator) {
        const seen = deduplicator.check(signal);
        if (seen.duplicate) {
          return {
            status: 'duplicate',
            traceId: signal.traceId,
            signal,
            hypotheses: [],
            duplicateOf: seen.firstTraceId,
            events,
          };
        }
      }
      const run = createActor(machine, {
        input: {
          signal,
          actor,
          rails,
          clock,
          idGenerator,
          ...(options.attributes ? { attributes: options.attributes } : {}),
          ...(railTimeoutMs ? { railTimeoutMs } : {}),
          ...(inbox ? { inbox } : {}),
        },
      });
      run.on('*', (event) => {
        events.push(event);
        onEvent?.(event);
      });
      const done = new Promise<void>((resolve) => {
        run.subscribe({ complete: () => resolve(), error: () => resolve() });
      });
      run.start();
      try {
        await raceAbort(done, abortSignal);
      } finally {
        // Stopping the actor aborts the AbortSignal of a step still running.
        run.stop();
      }
      const snapshot = run.getSnapshot();
      const context = snapshot.context;
      const result: LoopResult = {
        status: snapshot.value as LoopStatus,
        traceId: context.traceId,
        signal,
        hypotheses: context.hypotheses,
        events,
      };
      if (context.intent) result.intent = context.intent;
      if (context.hypothesis) result.hypothesis = context.hypothesis;
      if (context.decision) result.decision = context.decision;
      if (context.actionResult !== undefined) result.actionResult = context.actionResult;
      if (context.escalation) result.escalation = context.escalation;
      if (context.failure) result.failure = context.failure;
      if (context.escalationId) result.escalationId = context.escalationId;
      return result;
    },
  };
}
