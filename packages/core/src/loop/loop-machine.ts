import { assign, emit, fromPromise, setup } from 'xstate';
import { GuardloopError } from '../errors/guardloop-error';
import { StepNotProvidedError } from '../errors/step-not-provided-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { evaluateRails } from '../rails/evaluate-rails';
import type { Rail } from '../rails/rail';
import type { Actor } from '../schemas/actor';
import type { Decision } from '../schemas/decision';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { Signal } from '../schemas/signal';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import type { LoopEscalationInput, LoopEscalationSink } from './loop-escalation-sink';
import type { Escalation, LoopEvent, LoopStepInput, LoopStepName } from './loop-types';

export interface LoopMachineInput {
  signal: Signal;
  actor: Actor;
  attributes?: Record<string, unknown>;
  /** Rails used by the default `decide` step. */
  rails?: readonly Rail[];
  clock?: Clock;
  idGenerator?: IdGenerator;
  railTimeoutMs?: number;
  /** Where escalations of a proposed action are written before the loop ends `escalated`. */
  inbox?: LoopEscalationSink;
}

export interface LoopContext extends LoopStepInput {
  rails: readonly Rail[];
  clock: Clock;
  idGenerator: IdGenerator;
  railTimeoutMs: number | undefined;
  escalation?: Escalation | undefined;
  failure?: { step: LoopStepName; error: unknown } | undefined;
  inbox: LoopEscalationSink | undefined;
  /** The sink's id for the escalation, once written. */
  escalationId?: string | undefined;
}

const notProvided = <Output>(step: LoopStepName) =>
  fromPromise<Output, LoopStepInput>(async () => {
    throw new StepNotProvidedError({ step });
  });

/** The trace id and time every emitted event carries. */
const stamp = (context: LoopContext) => ({ traceId: context.traceId, at: context.clock.now() });

const stepInput = ({ context }: { context: LoopContext }): LoopStepInput => {
  const {
    rails,
    clock,
    idGenerator,
    railTimeoutMs,
    escalation,
    failure,
    inbox,
    escalationId,
    ...input
  } = context;
  return input;
};

/** Orders hypotheses by confidence (stable) and picks the first one that proposes an action. */
const rank = (hypotheses: Hypothesis[]) => {
  const ranked = [...hypotheses].sort((a, b) => b.confidence - a.confidence);
  return {
    hypotheses: ranked,
    hypothesis: ranked.find((candidate) => candidate.action !== undefined),
  };
};

const fail = (step: LoopStepName) => ({
  target: 'failed' as const,
  actions: { type: 'recordFailure' as const, params: step },
});

export interface EscalateStepInput {
  inbox: LoopEscalationSink;
  escalation: Omit<LoopEscalationInput, 'abortSignal'>;
}

/** The escalation as the sink receives it; only called when a hypothesis proposes an action. */
const escalationInput = (context: LoopContext): Omit<LoopEscalationInput, 'abortSignal'> => {
  const action = context.hypothesis?.action;
  const escalation = context.escalation as Escalation;
  return {
    traceId: context.traceId,
    signal: context.signal,
    ...(context.intent ? { intent: context.intent } : {}),
    hypotheses: context.hypotheses,
    action: {
      name: action?.name ?? '',
      input: action?.input ?? {},
      ...(action?.resource ? { resource: action.resource } : {}),
    },
    requestedBy: context.actor,
    ...(escalation.rail ? { rail: escalation.rail } : {}),
    reason: escalation.reason,
    ...(escalation.evidence !== undefined ? { evidence: escalation.evidence } : {}),
    verdicts: context.decision?.rails ?? [],
  };
};

export type DecideInput = LoopStepInput & {
  rails: readonly Rail[];
  clock: Clock;
  idGenerator: IdGenerator;
  railTimeoutMs: number | undefined;
};

/**
 * The Signal-Learning Loop: signal -> intent -> hypotheses -> decision -> action -> learning,
 * ending in `acted`, `escalated`, `rejected` or `failed`. With `input.inbox`, an escalation of
 * a proposed action is written there first (`escalating`); a failed write ends `failed` at
 * step `escalate`. Steps are actors supplied by the host
 * with `loopMachine.provide({ actors: { classifyIntent, proposeHypotheses, act, ... } })`;
 * `decide` defaults to the rail engine over `input.rails`, `learn` to a no-op.
 * Every step emits a typed `LoopEvent` (subscribe with `actor.on('*', ...)`).
 */
export const loopMachine = setup({
  types: {
    context: {} as LoopContext,
    input: {} as LoopMachineInput,
    emitted: {} as LoopEvent,
  },
  actors: {
    classifyIntent: notProvided<Intent>('classifyIntent'),
    proposeHypotheses: notProvided<Hypothesis[]>('proposeHypotheses'),
    decide: fromPromise<Decision, DecideInput>(async ({ input, signal }) => {
      const { rails, clock, idGenerator, railTimeoutMs, ...step } = input;
      const context = {
        traceId: step.traceId,
        actor: step.actor,
        signal: step.signal,
        attributes: step.attributes,
        ...(step.intent ? { intent: step.intent } : {}),
        ...(step.hypothesis ? { hypothesis: step.hypothesis } : {}),
        ...(step.hypothesis?.action ? { action: step.hypothesis.action } : {}),
      };
      return evaluateRails(rails, context, {
        abortSignal: signal,
        clock,
        idGenerator,
        ...(railTimeoutMs ? { timeoutMs: railTimeoutMs } : {}),
      });
    }),
    act: notProvided<unknown>('act'),
    escalate: fromPromise<{ id: string }, EscalateStepInput>(async ({ input, signal }) => {
      let written: { id: string } | undefined;
      try {
        written = await input.inbox.escalate({ ...input.escalation, abortSignal: signal });
      } catch (error) {
        // An abort stays an abort; typed errors (e.g. invalid_input) keep their code.
        if (signal.aborted || GuardloopError.isInstance(error)) throw error;
        // The write may have landed before the failure: retrying the trace is safe, the sink
        // dedupes by trace id.
        throw new StoreUnavailableError({
          operation: 'inbox.escalate',
          effectMayHaveHappened: true,
          cause: error,
        });
      }
      if (typeof written?.id !== 'string' || written.id.length === 0) {
        throw new StoreUnavailableError({
          operation: 'inbox.escalate',
          effectMayHaveHappened: true,
          message: 'The inbox did not return an escalation id.',
        });
      }
      return { id: written.id };
    }),
    learn: fromPromise<void, LoopStepInput>(async () => {}),
  },
  actions: {
    recordFailure: assign({
      failure: ({ event }, step: LoopStepName) => ({
        step,
        error: (event as { error?: unknown }).error,
      }),
    }),
    emitHypotheses: emit(({ context }: { context: LoopContext }) => ({
      type: 'hypotheses.proposed' as const,
      ...stamp(context),
      hypotheses: context.hypotheses,
    })),
    emitDecision: emit(({ context }: { context: LoopContext }) => ({
      type: 'decision.made' as const,
      ...stamp(context),
      decision: context.decision as Decision,
      ...(context.hypothesis ? { hypothesis: context.hypothesis } : {}),
    })),
  },
  guards: {
    noActionableHypothesis: ({ event }) =>
      rank((event as unknown as { output: Hypothesis[] }).output).hypothesis === undefined,
    denied: ({ event }) => (event as unknown as { output: Decision }).output.verdict === 'deny',
    escalated: ({ event }) =>
      (event as unknown as { output: Decision }).output.verdict === 'escalate',
    // Irreversible actions always need a human, whatever the rails (or a custom decide step) say.
    irreversible: ({ context }) => context.hypothesis?.action?.reversible === false,
    // Only an escalation of a proposed action goes to the inbox: it stores actions to approve.
    durable: ({ context }) =>
      context.inbox !== undefined && context.hypothesis?.action !== undefined,
  },
}).createMachine({
  id: 'guardloop',
  context: ({ input }) => ({
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
  }),
  initial: 'signal',
  states: {
    signal: {
      entry: emit(({ context }) => ({
        type: 'signal.received' as const,
        ...stamp(context),
        signal: context.signal,
        actor: context.actor,
      })),
      always: 'intent',
    },
    intent: {
      invoke: {
        src: 'classifyIntent',
        input: stepInput,
        onDone: {
          target: 'hypotheses',
          actions: [
            assign({ intent: ({ event }) => event.output }),
            emit(({ context, event }) => ({
              type: 'intent.classified' as const,
              ...stamp(context),
              intent: event.output,
            })),
          ],
        },
        onError: fail('classifyIntent'),
      },
    },
    hypotheses: {
      invoke: {
        src: 'proposeHypotheses',
        input: stepInput,
        onDone: [
          {
            guard: 'noActionableHypothesis',
            target: 'escalated',
            actions: [
              assign({
                hypotheses: ({ event }) => rank(event.output).hypotheses,
                escalation: ({ event }) => ({
                  step: 'hypotheses' as const,
                  reason:
                    event.output.length === 0
                      ? 'No hypothesis was proposed for this signal.'
                      : 'No hypothesis proposes an action: a human has to decide.',
                }),
              }),
              'emitHypotheses',
            ],
          },
          {
            target: 'decision',
            actions: [assign(({ event }) => rank(event.output)), 'emitHypotheses'],
          },
        ],
        onError: fail('proposeHypotheses'),
      },
    },
    decision: {
      invoke: {
        src: 'decide',
        input: ({ context }) => ({
          ...stepInput({ context }),
          rails: context.rails,
          clock: context.clock,
          idGenerator: context.idGenerator,
          railTimeoutMs: context.railTimeoutMs,
        }),
        onDone: [
          {
            guard: 'denied',
            target: 'rejected',
            actions: [assign({ decision: ({ event }) => event.output }), 'emitDecision'],
          },
          {
            guard: 'escalated',
            target: 'escalation',
            actions: [
              assign({
                decision: ({ event }) => event.output,
                escalation: ({ event }) => ({
                  step: 'decision' as const,
                  reason: event.output.reason,
                  ...(event.output.decidedBy ? { rail: event.output.decidedBy } : {}),
                  evidence: event.output.rails.find((rail) => rail.rail === event.output.decidedBy)
                    ?.evidence,
                }),
              }),
              'emitDecision',
            ],
          },
          {
            guard: 'irreversible',
            target: 'escalation',
            actions: [
              assign({
                decision: ({ event }) => event.output,
                escalation: ({ context }) => ({
                  step: 'decision' as const,
                  rail: 'guardloop.irreversible',
                  reason: `Action '${context.hypothesis?.action?.name}' is irreversible: a human must approve it.`,
                  evidence: { action: context.hypothesis?.action },
                }),
              }),
              'emitDecision',
            ],
          },
          {
            target: 'action',
            actions: [assign({ decision: ({ event }) => event.output }), 'emitDecision'],
          },
        ],
        onError: fail('decide'),
      },
    },
    // A durable escalation is written before the loop reports it, so nobody is told "escalated"
    // about an escalation no reviewer will see.
    escalation: {
      always: [{ guard: 'durable', target: 'escalating' }, { target: 'escalated' }],
    },
    escalating: {
      invoke: {
        src: 'escalate',
        input: ({ context }) => ({
          inbox: context.inbox as LoopEscalationSink,
          escalation: escalationInput(context),
        }),
        onDone: {
          target: 'escalated',
          actions: [
            assign({ escalationId: ({ event }) => event.output.id }),
            emit(({ context, event }) => ({
              type: 'escalation.recorded' as const,
              ...stamp(context),
              escalationId: event.output.id,
            })),
          ],
        },
        onError: fail('escalate'),
      },
    },
    action: {
      invoke: {
        src: 'act',
        input: stepInput,
        onDone: {
          target: 'learning',
          actions: [
            assign({ actionResult: ({ event }) => event.output }),
            emit(({ context, event }) => ({
              type: 'action.completed' as const,
              ...stamp(context),
              hypothesis: context.hypothesis as Hypothesis,
              result: event.output,
            })),
          ],
        },
        onError: fail('act'),
      },
    },
    learning: {
      invoke: {
        src: 'learn',
        input: stepInput,
        onDone: {
          target: 'acted',
          actions: emit(({ context }) => ({
            type: 'learning.completed' as const,
            ...stamp(context),
          })),
        },
        // The action already happened: a learning failure is reported, not turned into a failed loop.
        onError: {
          target: 'acted',
          actions: emit(({ context, event }) => ({
            type: 'learning.failed' as const,
            ...stamp(context),
            error: event.error,
          })),
        },
      },
    },
    acted: {
      type: 'final',
      entry: emit(({ context }) => ({
        type: 'loop.acted' as const,
        ...stamp(context),
        decision: context.decision as Decision,
      })),
    },
    escalated: {
      type: 'final',
      entry: emit(({ context }) => ({
        type: 'loop.escalated' as const,
        ...stamp(context),
        escalation: context.escalation as Escalation,
        ...(context.decision ? { decision: context.decision } : {}),
        ...(context.escalationId ? { escalationId: context.escalationId } : {}),
      })),
    },
    rejected: {
      type: 'final',
      entry: emit(({ context }) => ({
        type: 'loop.rejected' as const,
        ...stamp(context),
        decision: context.decision as Decision,
      })),
    },
    failed: {
      type: 'final',
      entry: emit(({ context }) => ({
        type: 'loop.failed' as const,
        ...stamp(context),
        step: context.failure?.step ?? 'decide',
        error: context.failure?.error,
      })),
    },
  },
});
