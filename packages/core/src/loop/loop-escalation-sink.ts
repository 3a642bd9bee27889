import { z } from 'zod';
import type { Actor } from '../schemas/actor';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { RailResult } from '../schemas/rail-verdict';
import type { Signal } from '../schemas/signal';

/** What the loop knows about an escalation it hands to a human: everything a reviewer needs. */
export interface LoopEscalationInput {
  /** One escalation per trace: the sink returns the stored one when asked again. */
  traceId: string;
  signal: Signal;
  intent?: Intent;
  /** Ranked, most confident first. */
  hypotheses: Hypothesis[];
  /**
   * The proposed action, exactly as it would run; absent when no hypothesis proposes one (the
   * reviewer acknowledges the signal, nothing runs).
   */
  action?: { name: string; input: Record<string, unknown>; resource?: string };
  /** Who the loop ran for: the requester, who may not approve their own action. */
  requestedBy: Actor;
  /** The deciding rail (`guardloop.irreversible` for an irreversible action). */
  rail?: string;
  reason: string;
  evidence?: unknown;
  /** Every rail's verdict on the proposed action. */
  verdicts: RailResult[];
  abortSignal?: AbortSignal;
}

/**
 * An escalation as the sink reads it back: the part of an `InboxItem` (`@guardloop/inbox`) that
 * `loop.resume` needs. `pending` and `approving` still wait; `approved`, `rejected` and `failed`
 * are decided.
 */
export interface LoopEscalationItem {
  id: string;
  traceId: string;
  status: 'pending' | 'approving' | 'approved' | 'rejected' | 'failed';
  /** The escalated `Signal`, `Intent` and hypotheses, as stored. */
  signal: unknown;
  intent: unknown;
  hypotheses: readonly unknown[];
  action: { name: string; input: unknown; resource: string | null } | null;
  requestedBy: Actor | null;
  rail: string | null;
  reason: string;
  evidence: unknown;
  decision: {
    kind: 'approve' | 'approve_with_edits' | 'reject';
    reviewer: Actor;
    note?: string | undefined;
    /** For approvals: the input that runs (the edited one for `approve_with_edits`). */
    input?: unknown;
  } | null;
  /** What the approved action returned, once it ran. */
  result: unknown;
  error: { code: string; message: string } | null;
}

/**
 * Where the loop writes escalations durably before `handle()` returns. Structural, so core
 * depends on no store: an `Inbox` from `@guardloop/inbox` satisfies it. Must be idempotent per
 * `traceId` (a retried trace returns the first escalation's id).
 */
export interface LoopEscalationSink {
  escalate(input: LoopEscalationInput): Promise<{ id: string }>;
  /** Reads an escalation back, for `loop.resume`; rejects for an unknown id. */
  get?(id: string, options: { abortSignal?: AbortSignal }): Promise<LoopEscalationItem>;
}

export const loopEscalationSinkSchema = z.custom<LoopEscalationSink>(
  (value) =>
    typeof (value as LoopEscalationSink | null)?.escalate === 'function' &&
    ['undefined', 'function'].includes(typeof (value as LoopEscalationSink).get),
  'Expected an inbox with escalate() (and optionally get())',
);
