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
  /** The proposed action, exactly as it would run. */
  action: { name: string; input: Record<string, unknown>; resource?: string };
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
 * Where the loop writes escalations durably before `handle()` returns. Structural, so core
 * depends on no store: an `Inbox` from `@guardloop/inbox` satisfies it. Must be idempotent per
 * `traceId` (a retried trace returns the first escalation's id).
 */
export interface LoopEscalationSink {
  escalate(input: LoopEscalationInput): Promise<{ id: string }>;
}

export const loopEscalationSinkSchema = z.custom<LoopEscalationSink>(
  (value) => typeof (value as LoopEscalationSink | null)?.escalate === 'function',
  'Expected an inbox with escalate()',
);
