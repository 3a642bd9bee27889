import { type AnyEventObject, emit, enqueueActions, fromPromise, setup } from 'xstate';
import type { ActionCatalog } from '../actions/action-catalog';
import { StepNotProvidedError } from '../errors/step-not-provided-error';
import type { Rail } from '../rails/rail';
import type { Actor } from '../schemas/actor';
import type { Decision } from '../schemas/decision';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { Signal } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import type { HumanDecidedEvent } from './human-decision';
import { decideWithRails, escalateToInbox } from './loop-default-steps';
import type { LoopEscalationSink } from './loop-escalation-sink';
import {
  type DecideInput,
  type EscalateStepInput,
  failedAt,
  type LoopContext,
  type LoopState,
  type LoopStateName,
  type LoopTransition,
  loopStates,
} from './loop-states';
import type { LoopEvent, LoopStepInput, LoopStepName } from './loop-types';

export type { DecideInput, EscalateStepInput, LoopContext } from './loop-states';

export interface LoopMachineInput {
  signal: Signal;
  actor: Actor;
  attributes?: Record<string, unknown>;
  /** Rails used by the default `decide` step. */
  rails?: readonly Rail[];
  clock?: Clock;
  idGenerator?: IdGenerator;
  railTimeoutMs?: number;
  /**
   * Where escalations are written; the machine then waits in `awaiting_human` for a
   * `human.decided` event.
   */
  inbox?: LoopEscalationSink;
  /** Action definitions: they decide which actions need a human approval. */
  actions?: ActionCatalog;
}

const notProvided = <Output>(step: LoopStepName) =>
  fromPromise<Output, LoopStepInput>(async () => {
    throw new StepNotProvidedError({ step });
  });

type Args = { context: LoopContext; event: AnyEventObject };

/** Takes a transition computed once (guards and the action share it) into the machine. */
const take = (transitionOf: (args: Args) => LoopTransition | undefined) =>
  enqueueActions(({ context, event, enqueue }) => {
    const transition = transitionOf({ context: context as LoopContext, event }) as LoopTransition;
    enqueue.assign(() => transition.context);
    if (transition.event) enqueue.emit(transition.event);
  });

/**
 * One guarded xstate transition per possible target, all reading the same memoised
 * `LoopTransition` (keyed by the event, or by the context for immediate transitions).
 */
const branches = (
  targets: readonly LoopStateName[],
  key: (args: Args) => object,
  compute: (args: Args) => LoopTransition | undefined,
) => {
  const memo = new WeakMap<object, LoopTransition | undefined>();
  const transitionOf = (args: Args) => {
    const cacheKey = key(args);
    if (!memo.has(cacheKey)) memo.set(cacheKey, compute(args));
    return memo.get(cacheKey);
  };
  return targets.map((target) => ({
    target,
    guard: (args: Args) => transitionOf(args)?.target === target,
    actions: take(transitionOf),
  }));
};

function toXstate(definition: LoopState) {
  const targets = definition.targets ?? [];
  const entry = definition.entry;
  const { invoke, always, decided } = definition;
  return {
    ...(definition.final ? { type: 'final' as const } : {}),
    ...(entry ? { entry: emit(({ context }: { context: LoopContext }) => entry(context)) } : {}),
    ...(always
      ? {
          always: branches(
            targets,
            ({ context }) => context,
            ({ context }) => always(context),
          ),
        }
      : {}),
    ...(invoke
      ? {
          invoke: {
            src: invoke.src,
            input: ({ context }: { context: LoopContext }) => invoke.input(context),
            onDone: branches(
              targets,
              ({ event }) => event,
              ({ context, event }) => invoke.done(context, event.output as never),
            ),
            onError: {
              target: 'failed',
              actions: take(({ context, event }) =>
                failedAt(context, invoke.step, (event as { error?: unknown }).error),
              ),
            },
          },
        }
      : {}),
    ...(decided
      ? {
          on: {
            'human.decided': branches(
              targets,
              ({ event }) => event,
              ({ context, event }) =>
                decided(context, (event as Partial<HumanDecidedEvent>).decision),
            ),
          },
        }
      : {}),
  };
}

const states = Object.fromEntries(
  Object.entries(loopStates).map(([name, definition]) => [name, toXstate(definition)]),
) as Record<LoopStateName, ReturnType<typeof toXstate>>;

/**
 * The decision half of the Signal-Learning Loop: signal -> intent -> hypotheses -> decision ->
 * action, ending in `acted`, `escalated`, `rejected` or `failed`. Outcomes and learning come
 * later, from the events (`createLoopEventRecorder` in `@guardloop/feedback`). Built from the
 * same state table (`loopStates`) that `createLoop().handle()` runs without an actor.
 *
 * With `input.inbox`, an escalation is written there first (`escalating`; a failed write ends
 * `failed` at step `escalate`) and the machine waits in `awaiting_human` until a
 * `{ type: 'human.decided', decision }` event: an approval ends `completed` (the inbox ran the
 * action), a rejection `rejected`, an approved action that failed `failed` at `act`.
 * Steps are actors supplied by the host with
 * `loopMachine.provide({ actors: { classifyIntent, proposeHypotheses, act, ... } })`; `decide`
 * defaults to the rail engine over `input.rails`. Every step emits a typed `LoopEvent`
 * (subscribe with `actor.on('*', ...)`).
 */
export const loopMachine = setup({
  types: {
    context: {} as LoopContext,
    input: {} as LoopMachineInput,
    emitted: {} as LoopEvent,
    events: {} as HumanDecidedEvent,
  },
  actors: {
    classifyIntent: notProvided<Intent>('classifyIntent'),
    proposeHypotheses: notProvided<Hypothesis[]>('proposeHypotheses'),
    decide: fromPromise<Decision, DecideInput>(({ input, signal }) =>
      decideWithRails(input, { abortSignal: signal }),
    ),
    act: notProvided<unknown>('act'),
    escalate: fromPromise<{ id: string }, EscalateStepInput>(({ input, signal }) =>
      escalateToInbox(input, { abortSignal: signal }),
    ),
  },
}).createMachine({
  id: 'guardloop',
  context: ({ input }) => initialContext(input),
  initial: 'signal',
  // The table is typed by `LoopState`; xstate cannot infer a config built at run time.
  states: states as never,
});

/** The context a run starts with. */
export function initialContext(input: LoopMachineInput): LoopContext {
  return {
    traceId: input.signal.traceId,
    signal: input.signal,
    actor: input.actor,
    attributes: input.attributes ?? {},
    hypotheses: [],
    rails: input.rails ?? [],
    clock: input.clock ?? systemClock,
    idGenerator: input.idGenerator ?? randomIdGenerator,
    railTimeoutMs: input.railTimeoutMs,
    inbox: input.inbox,
    actions: input.actions,
  };
}
