import { storableTextSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { storableKeySchema } from './storable-values';

/** What a reviewer did with an escalated AI proposal. Only `approved` says the AI was right. */
export const humanDecisionKinds = ['approved', 'approved_with_edits', 'rejected'] as const;
export type HumanDecisionKind = (typeof humanDecisionKinds)[number];

/** The inbox deadlines an escalation can miss. */
export const slaDeadlines = ['acknowledge', 'decide'] as const;
export type SlaDeadline = (typeof slaDeadlines)[number];

/**
 * Bounds of the per-trace review state and of the KPI breakdown keys: rail and action names
 * come from code (rail definitions, the action catalog), so 128 bytes is plenty, and a trace
 * with more escalations than this is an anomaly, not a workload.
 */
export const humanReviewLimits = { breakdownKeyBytes: 128, reviewsPerTrace: 32 } as const;

/** A rail or action name: a KPI breakdown key. */
export const breakdownKeySchema = storableTextSchema({
  label: 'Breakdown key',
  maxBytes: humanReviewLimits.breakdownKeyBytes,
});

/**
 * One escalation of a trace as the KPIs see it, folded from its `human_decision` and
 * `sla_breached` outcomes. Present only once one of them was recorded.
 */
export const humanReviewSchema = z.object({
  escalationId: storableKeySchema,
  decision: z.enum(humanDecisionKinds).optional(),
  rail: breakdownKeySchema.optional(),
  action: breakdownKeySchema.optional(),
  acknowledgeMs: z.number().int().nonnegative().optional(),
  decideMs: z.number().int().nonnegative().optional(),
  /** A deadline was missed (an `sla_breached` outcome, or `slaBreached` on the decision). */
  slaBreached: z.boolean(),
});

export type HumanReview = z.output<typeof humanReviewSchema>;
