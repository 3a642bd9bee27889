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

export interface LoopEventBase {
  traceId: string;
  /** Epoch ms, from the loop's clock. */
  at: number;
}

/** Typed events emitted by every step, for tracing and the feedback recorder. */
export type LoopEvent =
  | (LoopEventBase & { type: 'signal.received'; signal: Signal; actor: Actor })
  | (LoopEventBase & { type: 'intent.classified'; intent: Intent })
  | (LoopEventBase & { type: 'hypotheses.proposed'; hypotheses: Hypothesis[] })
  | (LoopEventBase & { type: 'decision.made'; decision: Decision; hypothesis?: Hypothesis })
  | (LoopEventBase & { type: 'action.completed'; hypothesis: Hypothesis; result: unknown })
  | (LoopEventBase & { type: 'loop.acted'; decision: Decision })
  /** The inbox stored the escalation (or returned the one stored for this trace). */
  | (LoopEventBase & { type: 'escalation.recorded'; escalationId: string })
  | (LoopEventBase & {
      type: 'loop.escalated';
      escalation: Escalation;
      decision?: Decision;
      /** Set when the escalation was written to the inbox. */
      escalationId?: string;
    })
  /** A human approved the escalated action (the inbox runs it): `human.input` is what runs. */
  | (LoopEventBase & {
      type: 'human.approved';
      escalationId: string;
      human: HumanDecision & { kind: 'approved' | 'approved_with_edits' };
    })
  | (LoopEventBase & {
      type: 'human.rejected';
      escalationId: string;
      human: HumanDecision & { kind: 'rejected' };
    })
  /** The human-approved action ran: the end of a resumed run. */
  | (LoopEventBase & { type: 'loop.completed'; escalationId: string; human: HumanDecision })
  | (LoopEventBase & {
      type: 'loop.rejected';
      /** The rails' decision; absent when a human rejected an escalation on resume. */
      decision?: Decision;
      /** Set when a human rejected the escalation. */
      human?: HumanDecision;
    })
  | (LoopEventBase & { type: 'loop.failed'; step: LoopStepName; error: unknown });

export type LoopEventType = LoopEvent['type'];
