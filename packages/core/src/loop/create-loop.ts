import { fromPromise } from 'xstate';
import { z } from 'zod';
import { type ActionCatalog, actionCatalogSchema } from '../actions/action-catalog';
import { LoopResumeUnavailableError } from '../errors/loop-resume-unavailable-error';
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
import { throwIfAborted } from '../utils/abort';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import {
  abortOptionsSchema,
  abortSignalSchema,
  clockSchema,
  idGeneratorSchema,
  timeoutMsSchema,
} from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';
import type { HumanDecision } from './human-decision';
import { decideWithRails, escalateToInbox } from './loop-default-steps';
import { type LoopEscalationSink, loopEscalationSinkSchema } from './loop-escalation-sink';
import { initialContext, loopMachine } from './loop-machine';
import type { DecideInput, LoopContext } from './loop-states';
import type { Escalation, LoopEvent, LoopStatus, LoopStepInput, LoopStepName } from './loop-types';
import { readEscalation } from './read-escalation';
import { type LoopRun, type LoopStepImplementations, runLoop } from './run-loop';

/** A value or a promise of it: what a step may return. */
export type Awaitable<T> = T | Promise<T>;
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
   * the write fails the run ends `failed` at step `escalate`, never a plain `escalated`. With
   * `get`, `loop.resume(escalationId)` finishes the run once a human decided.
   */
  inbox?: LoopEscalationSink;
  /**
   * The action definitions (e.g. an `UndoLog` from `@guardloop/undo-log`): they decide which
   * proposed actions need a human approval (`needsHumanApproval`). Without it, an action's own
   * `reversible` hint does, and an undeclared action waits for a human.
   */
  actions?: ActionCatalog;
}

export interface HandleOptions {
  actor: ActorInput;
  attributes?: Record<string, unknown>;
  abortSignal?: AbortSignal;
}

export interface ResumeOptions {
  abortSignal?: AbortSignal;
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
  /** True while the escalation waits in the inbox for a human: `loop.resume` it later. */
  awaitingHuman?: boolean;
  /** The human decision a resumed run ended with. */
  human?: HumanDecision;
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
  /**
   * Reads escalation `escalationId` back from the inbox and finishes its run: `completed` when
   * a human approved it (the inbox ran the action; `actionResult` is its result), `rejected`,
   * `failed` at step `act` when the approved action failed, or `escalated` with
   * `awaitingHuman: true` while nobody has decided. Events carry the escalation's trace id.
   * @throws LoopResumeUnavailableError when the loop has no inbox with `get`
   * @throws the inbox's error for an unknown id (e.g. `escalation_not_found`)
   * @throws StoreUnavailableError when the inbox fails or returns what the loop cannot resume
   * @throws the abort reason when aborted
   */
  resume(escalationId: string, options?: ResumeOptions): Promise<LoopResult>;
  /** The loop machine with the host's steps provided, for xstate users. */
  readonly machine: typeof loopMachine;
}

/** A host step as the loop calls it: its output validated before the next step sees it. */
const validated =
  <Output>(
    run: (input: never, options: StepOptions) => Awaitable<unknown>,
    parse: (value: unknown) => Output,
  ) =>
  async (input: never, options: StepOptions): Promise<Output> =>
    parse(await run(input, options));

// Built once: parsing every run's hypotheses must not rebuild the schema.
const hypothesesSchema = hypothesisSchema.array();

const fn = (message = 'Expected a function') =>
  z.custom<never>((value) => typeof value === 'function', message);

// Only shapes: rails are checked by validateRails, deduplication by createSignalDeduplicator.
const configSchema = z.object({
  steps: z.object({
    classifyIntent: fn(),
    proposeHypotheses: fn(),
    act: fn(),
    decide: fn().optional(),
  }),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  railTimeoutMs: timeoutMsSchema.optional(),
  deduplicate: z.union([z.literal(false), z.looseObject({})]).optional(),
  onEvent: fn().optional(),
  inbox: loopEscalationSinkSchema.optional(),
  actions: actionCatalogSchema.optional(),
});

const handleOptionsSchema = z.object({
  actor: z.unknown(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  abortSignal: abortSignalSchema.optional(),
  // The old alias: refused rather than ignored, so a caller never loses cancellation silently.
  signal: z.undefined('was renamed to abortSignal').optional(),
});

const escalationIdSchema = z.string().min(1);

/** The result of a run as its last state and the events it emitted tell it. */
function toResult({ state, context }: LoopRun, signal: Signal, events: LoopEvent[]): LoopResult {
  const awaitingHuman = state === 'awaiting_human';
  const result: LoopResult = {
    status: awaitingHuman ? 'escalated' : (state as LoopStatus),
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
  if (awaitingHuman) result.awaitingHuman = true;
  if (context.human) result.human = context.human;
  return result;
}

/** Reports a throwing `onEvent` the way an xstate actor does: it never breaks the run. */
function reportListenerError(error: unknown) {
  setTimeout(() => {
    throw error;
  });
}

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
    actions,
  } = config ?? ({} as LoopConfig);
  parseInput(configSchema, config, 'loop config');
  validateRails(rails);
  const deduplicator = deduplicate
    ? createSignalDeduplicator({ ...deduplicate, clock })
    : undefined;

  // One implementation of each step, for the plain runner and for the machine.
  const implementations: LoopStepImplementations = {
    classifyIntent: validated(steps.classifyIntent, (value) =>
      parseInput(intentSchema, value, 'intent'),
    ),
    proposeHypotheses: validated(steps.proposeHypotheses, (value) =>
      parseInput(hypothesesSchema, value, 'hypotheses'),
    ),
    act: validated(steps.act, (value) => value),
    decide: steps.decide
      ? validated(steps.decide, (value) => parseInput(decisionSchema, value, 'decision'))
      : (decideWithRails as LoopStepImplementations['decide']),
    escalate: escalateToInbox as LoopStepImplementations['escalate'],
  };
  const actor = <Output, Input>(run: LoopStepImplementations[keyof LoopSteps]) =>
    fromPromise<Output, Input>(
      ({ input, signal }) => run(input as never, { abortSignal: signal }) as Promise<Output>,
    );
  const machine = loopMachine.provide({
    actors: {
      classifyIntent: actor<Intent, LoopStepInput>(implementations.classifyIntent),
      proposeHypotheses: actor<Hypothesis[], LoopStepInput>(implementations.proposeHypotheses),
      act: actor<unknown, LoopStepInput>(implementations.act),
      ...(steps.decide ? { decide: actor<Decision, DecideInput>(implementations.decide) } : {}),
    },
  }) as unknown as typeof loopMachine;

  const recorder = (events: LoopEvent[]) => (event: LoopEvent) => {
    events.push(event);
    if (onEvent) {
      try {
        onEvent(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };

  return {
    machine,
    async handle(signalInput, handleOptions) {
      const options = parseInput(handleOptionsSchema, handleOptions, 'handle options');
      const { abortSignal } = options;
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
      const context = initialContext({
        signal,
        actor,
        rails,
        clock,
        idGenerator,
        ...(options.attributes ? { attributes: options.attributes } : {}),
        ...(railTimeoutMs ? { railTimeoutMs } : {}),
        ...(inbox ? { inbox } : {}),
        ...(actions ? { actions } : {}),
      });
      // A run ends at a final state, or waits in `awaiting_human`: a human may take days.
      const run = await runLoop(
        { state: 'signal', context },
        { steps: implementations, emit: recorder(events), abortSignal, enter: true },
      );
      return toResult(run, signal, events);
    },
    async resume(escalationId, resumeOptions) {
      const id = parseInput(escalationIdSchema, escalationId, 'escalation id');
      const { abortSignal } = parseInput(abortOptionsSchema, resumeOptions, 'resume options') ?? {};
      if (typeof inbox?.get !== 'function') throw new LoopResumeUnavailableError();
      throwIfAborted(abortSignal);
      const stored = await readEscalation(inbox as Required<LoopEscalationSink>, id, abortSignal);
      const context: LoopContext = {
        traceId: stored.traceId,
        signal: stored.signal,
        actor: stored.requestedBy,
        attributes: {},
        ...(stored.intent ? { intent: stored.intent } : {}),
        hypotheses: stored.hypotheses,
        ...(stored.hypothesis ? { hypothesis: stored.hypothesis } : {}),
        rails,
        clock,
        idGenerator,
        railTimeoutMs,
        escalation: stored.escalation,
        inbox,
        actions,
        escalationId: stored.escalationId,
      };
      const events: LoopEvent[] = [];
      // The run as `handle()` left it, waiting for the human; restoring emits no entry event.
      // Everything after the decision is synchronous: the inbox already ran the action.
      const run = await runLoop(
        { state: 'awaiting_human', context },
        {
          steps: implementations,
          emit: recorder(events),
          enter: false,
          ...(stored.human ? { decision: stored.human } : {}),
        },
      );
      return toResult(run, stored.signal, events);
    },
  };
}
