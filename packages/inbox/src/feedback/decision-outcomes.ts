import { exceedsUtf8Bytes, type JsonValue, sha256 } from '@guardloop/core/internal';
import type { InboxItem } from '../item/inbox-item';

/** `human_decision` of `@guardloop/feedback`, recorded on the escalation's original trace. */
export interface HumanDecisionOutcome {
  type: 'human_decision';
  /** Derived from the escalation id: recording it again is a duplicate, never a second event. */
  id: string;
  traceId: string;
  at: number;
  escalationId: string;
  /** `approved` is a positive label (the AI was right); the other two are overrides. */
  decision: 'approved' | 'approved_with_edits' | 'rejected';
  reviewer: string;
  rail?: string;
  action?: string;
  /** First claim (or the decision, when nobody claimed) minus escalation time. */
  acknowledgeMs?: number;
  decideMs: number;
  slaBreached: boolean;
  /** The edit's leaf changes (`InputChange[]` of the decision), as JSON. */
  diff?: JsonValue;
  reason?: string;
}

/** `sla_breached` of `@guardloop/feedback`: one per item and deadline. */
export interface SlaBreachedOutcome {
  type: 'sla_breached';
  id: string;
  traceId: string;
  at: number;
  escalationId: string;
  deadline: 'acknowledge' | 'decide';
  rail?: string;
  action?: string;
  lateMs: number;
}

export type InboxOutcome = HumanDecisionOutcome | SlaBreachedOutcome;

/**
 * Where decisions are recorded: structural, so `createOutcomeRecorder` from
 * `@guardloop/feedback` fits without the inbox depending on it.
 */
export interface InboxFeedbackRecorder {
  record(outcome: InboxOutcome, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

// Outcome ids are index keys (512 UTF-8 bytes in feedback): a long escalation id is hashed.
function outcomeId(escalationId: string, suffix: string): string {
  const id = `inbox:${escalationId}:${suffix}`;
  return exceedsUtf8Bytes(id, 500) ? `inbox:sha256:${sha256(escalationId)}:${suffix}` : id;
}

const context = (item: InboxItem) => ({
  traceId: item.traceId,
  escalationId: item.id,
  ...(item.rail === null ? {} : { rail: item.rail }),
  ...(item.action === null ? {} : { action: item.action.name }),
});

const decisions = {
  approve: 'approved',
  approve_with_edits: 'approved_with_edits',
  reject: 'rejected',
} as const;

/** The item's decision as an outcome: the same item always gives the same outcome. */
export function decisionOutcome(item: InboxItem): HumanDecisionOutcome | undefined {
  const { decision } = item;
  if (decision === null) return undefined;
  const decidedAt = item.decidedAt ?? decision.at;
  const acknowledgedAt = item.acknowledgedAt ?? decidedAt;
  const late = (done: number, due: number | null) => due !== null && done >= due;
  return {
    type: 'human_decision',
    id: outcomeId(item.id, 'decision'),
    at: decidedAt,
    ...context(item),
    decision: decisions[decision.kind],
    reviewer: decision.reviewer.id,
    acknowledgeMs: Math.max(0, acknowledgedAt - item.createdAt),
    decideMs: Math.max(0, decidedAt - item.createdAt),
    slaBreached: late(acknowledgedAt, item.acknowledgeBy) || late(decidedAt, item.decideBy),
    ...(decision.diff === undefined ? {} : { diff: decision.diff as JsonValue }),
    ...(decision.kind === 'reject' && decision.note !== undefined ? { reason: decision.note } : {}),
  };
}

/** The SLA breaches in the item's history as outcomes, at the time the monitor saw each. */
export function breachOutcomes(item: InboxItem): SlaBreachedOutcome[] {
  const outcomes: SlaBreachedOutcome[] = [];
  for (const entry of item.history) {
    if (entry.type !== 'sla_breached') continue;
    const details = entry.details as { deadline?: unknown; dueAt?: unknown } | undefined;
    const deadline = details?.deadline;
    if (deadline !== 'acknowledge' && deadline !== 'decide') continue;
    const dueAt = typeof details?.dueAt === 'number' ? details.dueAt : entry.at;
    outcomes.push({
      type: 'sla_breached',
      id: outcomeId(item.id, `sla:${deadline}`),
      at: entry.at,
      ...context(item),
      deadline,
      lateMs: Math.max(0, entry.at - dueAt),
    });
  }
  return outcomes;
}
