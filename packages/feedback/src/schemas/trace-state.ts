import { verdictSchema } from '@guardloop/core';
import { z } from 'zod';
import { breakdownKeySchema, humanReviewLimits, humanReviewSchema } from './human-review';
import { storableKeySchema } from './storable-values';
import { ticketSlaLimits, ticketSlaRecordSchema } from './ticket-sla';

const count = z.number().int().nonnegative();

/**
 * Everything the KPIs need to know about one trace, folded from its outcomes. Stores keep one
 * per trace and update it with compare-and-set on `revision`.
 */
export const traceStateSchema = z.object({
  traceId: storableKeySchema,
  /** Incremented on every write; writers pass the revision they read. */
  revision: z.number().int().positive(),
  /** False while only follow-up outcomes were seen (no decision, escalation, routing, deflection). */
  known: z.boolean(),
  ticketId: storableKeySchema.optional(),
  /** Earliest event time; its UTC day is the trace's KPI bucket. */
  startedAt: z.number().int().nonnegative(),
  day: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  /**
   * The latest event time folded in. An outcome before it (a late arrival) makes the recorder
   * re-fold the trace from all its outcomes in time order; absent on states written before it
   * existed, which are re-folded on their next outcome.
   */
  latestAt: z.number().int().nonnegative().optional(),
  category: storableKeySchema,
  channel: storableKeySchema,
  queue: storableKeySchema,
  outcomes: count,
  decided: z.boolean(),
  verdict: verdictSchema.optional(),
  confidence: z.number().min(0).max(1).optional(),
  /** The latest decision's proposed action and hypothesis: its resolutions are counted per key. */
  action: breakdownKeySchema.optional(),
  hypothesisId: breakdownKeySchema.optional(),
  escalated: z.boolean(),
  overridden: z.boolean(),
  /** Resolved right now (false again after a reopen). */
  resolved: z.boolean(),
  resolutions: count,
  /** Whether the first resolution was on first contact. */
  firstContact: z.boolean(),
  reopens: count,
  resolutionMs: count.optional(),
  firstResponseMs: count.optional(),
  macroUses: count,
  macroEdits: count,
  articleSuggestions: count,
  articleHelpful: count,
  articleUnhelpful: count,
  csatResponses: count,
  csatScoreSum: count,
  deflectedAt: z.number().int().nonnegative().optional(),
  returnedAfterDeflection: z.boolean(),
  /**
   * The trace's escalations that were decided or breached their SLA, in the order first seen;
   * absent until there is one (at most `humanReviewLimits.reviewsPerTrace`).
   */
  humanReviews: z.array(humanReviewSchema).max(humanReviewLimits.reviewsPerTrace).optional(),
  /** The ticket's SLA metric runs, in the order first seen; absent until there is one. */
  ticketSlas: z.array(ticketSlaRecordSchema).max(ticketSlaLimits.metricsPerTrace).optional(),
});

export type TraceState = z.output<typeof traceStateSchema>;
