import type { Actor } from '../schemas/actor';
import type { Decision } from '../schemas/decision';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { Signal } from '../schemas/signal';
import type { HumanDecision } from './human-decision';

/** Everything a loop step may look at. Each step adds its result for the next one. */
export interface LoopStepInput {
  traceId: string;
  signal: Signal;
  actor: Actor;
  attributes: Record<string, unknown>;
  intent?: Intent | undefined;
  /** Ranked, most confident first. */
  hypotheses: Hypothesis[];
  /** The top-ranked hypothesis that proposes an action: the one being decided on. */
  hypothesis?: Hypothesis | undefined;
  decision?: Decision | undefined;
  actionResult?: unknown;
}

export type LoopStepName =
  | 'classifyIntent'
  | 'proposeHypotheses'
  | 'decide'
  /** Writing the escalation to the inbox. */
  | 'escalate'
  | 'act';

/**
 * `acted`: the loop ran the action itself; `completed`: a human approved it and the inbox ran
 * it (only from `loop.resume` or a resumed machine).
 */
export type LoopStatus = 'acted' | 'completed' | 'escalated' | 'rejected' | 'failed';

/** Why a signal went to a human: the rail, the reason and the evidence. */
export interface Escalation {
  step: 'hypotheses' | 'decision';
  reason: string;
  rail?: string;
  evidence?: unknown;
}

interface EventBase {
  traceId: string;
  /** Epoch ms, from the loop's clock. */
  at: number;
}

/** Typed events emitted by every step, for tracing and the feedback recorder. */
export type LoopEvent =
  | (EventBase & { type: 'signal.received'; signal: Signal; actor: Actor })
  | (EventBase & { type: 'intent.classified'; intent: Intent })
  | (EventBase & { type: 'hypotheses.proposed'; hypotheses: Hypothesis[] })
  | (EventBase & { type: 'decision.made'; decision: Decision; hypothesis?: Hypothesis })
  | (EventBase & { type: 'action.completed'; hypothesis: Hypothesis; result: unknown })
  | (EventBase & { type: 'loop.acted'; decision: Decision })
  /** The inbox stored the escalation (or returned the one stored for this trace). */
  | (EventBase & { type: 'escalation.recorded'; escalationId: string })
  | (EventBase & {
      type: 'loop.escalated';
      escalation: Escalation;
      decision?: Decision;
      /** Set when the escalation was written to the inbox. */
      escalationId?: string;
    })
  /** A human approved the escalated action (the inbox runs it): `human.input` is what runs. */
  | (EventBase & {
      type: 'human.approved';
      escalationId: string;
      human: HumanDecision & { kind: 'approved' | 'approved_with_edits' };
    })
  | (EventBase & {
      type: 'human.rejected';
      escalationId: string;
      human: HumanDecision & { kind: 'rejected' };
    })
  /** The human-approved action ran: the end of a resumed run. */
  | (EventBase & { type: 'loop.completed'; escalationId: string; human: HumanDecision })
  | (EventBase & {
      type: 'loop.rejected';
      /** The rails' decision; absent when a human rejected an escalation on resume. */
      decision?: Decision;
      /** Set when a human rejected the escalation. */
      human?: HumanDecision;
    })
  | (EventBase & { type: 'loop.failed'; step: LoopStepName; error: unknown });

export type LoopEventType = LoopEvent['type'];
