import type { ActionCatalog } from '../actions/action-catalog';
import type { Rail } from '../rails/rail';
import type { Decision } from '../schemas/decision';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { Clock } from '../utils/clock';
import type { IdGenerator } from '../utils/id-generator';
import { approvalReason } from './approval-reason';
import { type HumanDecision, humanDecisionSchema } from './human-decision';
import type { LoopEscalationInput, LoopEscalationSink } from './loop-escalation-sink';
import type { Escalation, LoopEvent, LoopStepInput, LoopStepName } from './loop-types';

export interface LoopContext extends LoopStepInput {
  rails: readonly Rail[];
  clock: Clock;
  idGenerator: IdGenerator;
  railTimeoutMs: number | undefined;
  escalation?: Escalation | undefined;
  failure?: { step: LoopStepName; error: unknown } | undefined;
  inbox: LoopEscalationSink | undefined;
  actions: ActionCatalog | undefined;
  /** The sink's id for the escalation, once written. */
  escalationId?: string | undefined;
  /** The human decision that resumed the run. */
  human?: HumanDecision | undefined;
}

export type DecideInput = LoopStepInput & {
  rails: readonly Rail[];
  clock: Clock;
  idGenerator: IdGenerator;
  railTimeoutMs: number | undefined;
};

export interface EscalateStepInput {
  inbox: LoopEscalationSink;
  escalation: Omit<LoopEscalationInput, 'abortSignal'>;
}

/** The steps a state may run; the names of the machine's actors. */
export type LoopStepSource = 'classifyIntent' | 'proposeHypotheses' | 'decide' | 'escalate' | 'act';

export type LoopStateName =
  | 'signal'
  | 'intent'
  | 'hypotheses'
  | 'decision'
  | 'escalation'
  | 'escalating'
  | 'action'
  | 'acted'
  | 'escalated'
  | 'awaiting_human'
  | 'human_approved'
  | 'completed'
  | 'rejected'
  | 'failed';

/** Where a state goes, the context it leaves and the event (if any) the move emits. */
export interface LoopTransition {
  target: LoopStateName;
  context: LoopContext;
  event?: LoopEvent;
}

/**
 * One state of the loop. Both `createLoop().handle()` (a plain async loop over this table) and
 * `loopMachine` (xstate, built from it) read only this, so the two cannot drift.
 */
export interface LoopState {
  /** The event emitted on entering the state. */
  entry?: (context: LoopContext) => LoopEvent;
  /** A step to run; its output decides the transition, a failure ends `failed` at `step`. */
  invoke?: {
    src: LoopStepSource;
    step: LoopStepName;
    input: (context: LoopContext) => unknown;
    done: (context: LoopContext, output: never) => LoopTransition;
  };
  /** An immediate transition. */
  always?: (context: LoopContext) => LoopTransition;
  /** A human decision; `undefined` (a malformed decision) keeps the state waiting. */
  decided?: (context: LoopContext, decision: unknown) => LoopTransition | undefined;
  /** Every state a transition out of this one may reach (xstate needs them spelled out). */
  targets?: readonly LoopStateName[];
  final?: true;
}

/** The trace id and time every emitted event carries. */
const stamp = (context: LoopContext) => ({ traceId: context.traceId, at: context.clock.now() });

export const stepInput = (context: LoopContext): LoopStepInput => {
  const {
    rails,
    clock,
    idGenerator,
    railTimeoutMs,
    escalation,
    failure,
    inbox,
    actions,
    escalationId,
    human,
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

const move = (
  target: LoopStateName,
  context: LoopContext,
  event?: (context: LoopContext) => LoopEvent,
): LoopTransition => (event ? { target, context, event: event(context) } : { target, context });

/** A step that threw or returned what the loop cannot use. */
export const failedAt = (
  context: LoopContext,
  step: LoopStepName,
  error: unknown,
): LoopTransition => ({ target: 'failed', context: { ...context, failure: { step, error } } });

/** The escalation as the sink receives it; `action` only when a hypothesis proposes one. */
export const escalationInput = (context: LoopContext): Omit<LoopEscalationInput, 'abortSignal'> => {
  const action = context.hypothesis?.action;
  const escalation = context.escalation as Escalation;
  return {
    traceId: context.traceId,
    signal: context.signal,
    ...(context.intent ? { intent: context.intent } : {}),
    hypotheses: context.hypotheses,
    ...(action
      ? {
          action: {
            name: action.name,
            input: action.input,
            ...(action.resource ? { resource: action.resource } : {}),
          },
        }
      : {}),
    requestedBy: context.actor,
    ...(escalation.rail ? { rail: escalation.rail } : {}),
    reason: escalation.reason,
    ...(escalation.evidence !== undefined ? { evidence: escalation.evidence } : {}),
    verdicts: context.decision?.rails ?? [],
  };
};

const decisionOf = (decision: unknown): HumanDecision | undefined => {
  const parsed = humanDecisionSchema.safeParse(decision);
  return parsed.success ? parsed.data : undefined;
};

/** The proposed action as the human let it run (with the edited input). */
const approvedHypothesis = (context: LoopContext, human: HumanDecision): Hypothesis | undefined => {
  const hypothesis = context.hypothesis;
  if (human.kind === 'rejected' || hypothesis?.action === undefined) return hypothesis;
  return { ...hypothesis, action: { ...hypothesis.action, input: human.input } };
};

const emitEscalated = (context: LoopContext): LoopEvent => ({
  type: 'loop.escalated',
  ...stamp(context),
  escalation: context.escalation as Escalation,
  ...(context.decision ? { decision: context.decision } : {}),
  ...(context.escalationId ? { escalationId: context.escalationId } : {}),
});

const emitDecision = (context: LoopContext): LoopEvent => ({
  type: 'decision.made',
  ...stamp(context),
  decision: context.decision as Decision,
  ...(context.hypothesis ? { hypothesis: context.hypothesis } : {}),
});

/**
 * The decision half of the Signal-Learning Loop as a state table: signal -> intent ->
 * hypotheses -> decision -> action, ending `acted`, `escalated`, `rejected` or `failed`, or
 * waiting in `awaiting_human` once an escalation is in the inbox.
 */
export const loopStates: Record<LoopStateName, LoopState> = {
  signal: {
    entry: (context) => ({
      type: 'signal.received',
      ...stamp(context),
      signal: context.signal,
      actor: context.actor,
    }),
    always: (context) => move('intent', context),
    targets: ['intent'],
  },
  intent: {
    invoke: {
      src: 'classifyIntent',
      step: 'classifyIntent',
      input: stepInput,
      done: (context, intent: Intent) =>
        move('hypotheses', { ...context, intent }, (next) => ({
          type: 'intent.classified',
          ...stamp(next),
          intent,
        })),
    },
    targets: ['hypotheses'],
  },
  hypotheses: {
    invoke: {
      src: 'proposeHypotheses',
      step: 'proposeHypotheses',
      input: stepInput,
      done: (context, output: Hypothesis[]) => {
        const ranked = rank(output);
        const proposed = (next: LoopContext): LoopEvent => ({
          type: 'hypotheses.proposed',
          ...stamp(next),
          hypotheses: next.hypotheses,
        });
        if (ranked.hypothesis === undefined) {
          const reason =
            output.length === 0
              ? 'No hypothesis was proposed for this signal.'
              : 'No hypothesis proposes an action: a human has to decide.';
          return move(
            'escalation',
            {
              ...context,
              hypotheses: ranked.hypotheses,
              escalation: { step: 'hypotheses', reason },
            },
            proposed,
          );
        }
        return move('decision', { ...context, ...ranked }, proposed);
      },
    },
    targets: ['escalation', 'decision'],
  },
  decision: {
    invoke: {
      src: 'decide',
      step: 'decide',
      input: (context): DecideInput => ({
        ...stepInput(context),
        rails: context.rails,
        clock: context.clock,
        idGenerator: context.idGenerator,
        railTimeoutMs: context.railTimeoutMs,
      }),
      done: (context, decision: Decision) => {
        if (decision.verdict === 'deny')
          return move('rejected', { ...context, decision }, emitDecision);
        if (decision.verdict === 'escalate') {
          const escalation: Escalation = {
            step: 'decision',
            reason: decision.reason,
            ...(decision.decidedBy ? { rail: decision.decidedBy } : {}),
            evidence: decision.rails.find((rail) => rail.rail === decision.decidedBy)?.evidence,
          };
          return move('escalation', { ...context, decision, escalation }, emitDecision);
        }
        // Irreversible actions always need a human, whatever the rails (or a custom decide) say.
        const reason = approvalReason(context);
        if (reason !== undefined) {
          const escalation: Escalation = {
            step: 'decision',
            rail: 'guardloop.irreversible',
            reason,
            evidence: { action: context.hypothesis?.action },
          };
          return move('escalation', { ...context, decision, escalation }, emitDecision);
        }
        return move('action', { ...context, decision }, emitDecision);
      },
    },
    targets: ['rejected', 'escalation', 'action'],
  },
  // A durable escalation is written before the loop reports it, so nobody is told "escalated"
  // about an escalation no reviewer will see.
  escalation: {
    always: (context) => move(context.inbox ? 'escalating' : 'escalated', context),
    targets: ['escalating', 'escalated'],
  },
  escalating: {
    invoke: {
      src: 'escalate',
      step: 'escalate',
      input: (context): EscalateStepInput => ({
        inbox: context.inbox as LoopEscalationSink,
        escalation: escalationInput(context),
      }),
      done: (context, output: { id: string }) =>
        move('awaiting_human', { ...context, escalationId: output.id }, (next) => ({
          type: 'escalation.recorded',
          ...stamp(next),
          escalationId: output.id,
        })),
    },
    targets: ['awaiting_human'],
  },
  action: {
    invoke: {
      src: 'act',
      step: 'act',
      input: stepInput,
      done: (context, result: unknown) =>
        move('acted', { ...context, actionResult: result }, (next) => ({
          type: 'action.completed',
          ...stamp(next),
          hypothesis: next.hypothesis as Hypothesis,
          result,
        })),
    },
    targets: ['acted'],
  },
  acted: {
    final: true,
    entry: (context) => ({
      type: 'loop.acted',
      ...stamp(context),
      decision: context.decision as Decision,
    }),
  },
  escalated: { final: true, entry: emitEscalated },
  // The escalation is in the inbox; a human may take days. `handle()` resolves here.
  awaiting_human: {
    entry: emitEscalated,
    decided: (context, decision) => {
      const human = decisionOf(decision);
      // A malformed decision is ignored: the run keeps waiting for a valid one.
      if (human === undefined) return undefined;
      const escalationId = context.escalationId as string;
      if (human.kind === 'rejected') {
        return move('rejected', { ...context, human }, (next) => ({
          type: 'human.rejected',
          ...stamp(next),
          escalationId,
          human,
        }));
      }
      const hypothesis = approvedHypothesis(context, human);
      return move(
        'human_approved',
        { ...context, human, ...(hypothesis ? { hypothesis } : {}) },
        (next) => ({ type: 'human.approved', ...stamp(next), escalationId, human }),
      );
    },
    targets: ['rejected', 'human_approved'],
  },
  human_approved: {
    always: (context) => {
      const human = context.human as HumanDecision & { kind: 'approved' | 'approved_with_edits' };
      if (human.error !== undefined) return failedAt(context, 'act', human.error);
      const next = { ...context, actionResult: human.result };
      // An escalation without an action is acknowledged: nothing ran.
      if (context.hypothesis?.action === undefined) return move('completed', next);
      return move('completed', next, (moved) => ({
        type: 'action.completed',
        ...stamp(moved),
        hypothesis: moved.hypothesis as Hypothesis,
        result: human.result,
      }));
    },
    targets: ['failed', 'completed'],
  },
  completed: {
    final: true,
    entry: (context) => ({
      type: 'loop.completed',
      ...stamp(context),
      escalationId: context.escalationId as string,
      human: context.human as HumanDecision,
    }),
  },
  rejected: {
    final: true,
    entry: (context) => ({
      type: 'loop.rejected',
      ...stamp(context),
      // After a human rejection the rails' (escalating) decision is not the rejection.
      ...(context.human ? { human: context.human } : { decision: context.decision as Decision }),
    }),
  },
  failed: {
    final: true,
    entry: (context) => ({
      type: 'loop.failed',
      ...stamp(context),
      step: context.failure?.step ?? 'decide',
      error: context.failure?.error,
    }),
  },
};
