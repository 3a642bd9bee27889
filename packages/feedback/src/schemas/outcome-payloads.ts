import { verdictSchema } from '@guardloop/core';
import { storableTextSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { breakdownKeySchema, humanDecisionKinds, slaDeadlines } from './human-review';
import { jsonValueSchema, storableKeySchema } from './storable-values';
import { ticketSlaMetrics } from './ticket-sla';

const text = z.string().min(1);
const confidence = z.number().min(0).max(1);
const durationMs = z.number().int().nonnegative();
const version = z.number().int().positive();
const reviewReason = storableTextSchema({ label: 'Reason', maxBytes: 4096 });

/** What each outcome type carries besides the common fields (trace, ticket, time, segment). */
export const outcomePayloads = {
  /** The loop (or a host) decided on an AI proposal. Starts a trace. */
  decision: {
    decisionId: text.optional(),
    verdict: verdictSchema,
    /** How sure the AI was: used to calibrate the confidence floor. */
    confidence: confidence.optional(),
    proposedAction: text.optional(),
    /** The hypothesis decided on (e.g. a playbook hypothesis id): resolutions are counted per id. */
    hypothesisId: breakdownKeySchema.optional(),
    decidedBy: text.optional(),
  },
  /** Handed to a human. Starts a trace. */
  escalated: { reason: text.optional(), rail: text.optional(), by: text.optional() },
  /** Assigned to the event's `queue` (required here), possibly against the router's suggestion. Starts a trace. */
  routed: {
    suggestedQueue: text.optional(),
    overridden: z.boolean().default(false),
    decidedBy: text.optional(),
    reason: text.optional(),
  },
  /** Self-service answered the customer without a ticket. Starts a trace. */
  deflected: { articleId: text.optional() },
  article_suggested: { articleId: text, articleVersion: version.optional() },
  resolved: {
    /** Solved in the first contact with the customer, without back-and-forth. */
    firstContact: z.boolean(),
    /** Time to resolution; defaults to the time since the trace's first event. */
    elapsedMs: durationMs.optional(),
  },
  reopened: { reason: z.string().trim().min(1) },
  /** A human did something other than what the AI proposed. */
  override: {
    proposed: text,
    actual: text,
    confidence: confidence.optional(),
    reason: text.optional(),
    by: text.optional(),
  },
  csat: { score: z.number().int().min(1).max(5), comment: text.optional() },
  macro_used: {
    macroId: text,
    macroVersion: version.optional(),
    /** Characters added plus removed; computed from the texts when omitted. */
    editDistance: z.number().int().nonnegative().optional(),
    originalText: z.string().optional(),
    finalText: z.string().optional(),
  },
  article_feedback: {
    articleId: text,
    articleVersion: version.optional(),
    helpful: z.boolean(),
    comment: text.optional(),
  },
  /** Time to first response; defaults to the time since the trace's first event. */
  first_response: { elapsedMs: durationMs.optional() },
  /** The customer came back about the same issue (e.g. after a deflection). */
  returned: { reason: text.optional() },
  /**
   * A reviewer decided an escalation, recorded on the trace of the decision that escalated.
   * `approved` labels the AI proposal right; `approved_with_edits` and `rejected` are overrides.
   */
  human_decision: {
    escalationId: storableKeySchema,
    decision: z.enum(humanDecisionKinds),
    /** The reviewer's actor id. */
    reviewer: storableKeySchema,
    /** The rail that escalated and the proposed action: the KPI breakdown keys. */
    rail: breakdownKeySchema.optional(),
    action: breakdownKeySchema.optional(),
    /** Escalation to first claim. */
    acknowledgeMs: durationMs.optional(),
    /** Escalation to decision. */
    decideMs: durationMs,
    slaBreached: z.boolean(),
    /** What the reviewer changed, for `approved_with_edits`. */
    diff: jsonValueSchema.optional(),
    reason: reviewReason.optional(),
  },
  /** An escalation missed a deadline of its SLA (recorded once per deadline). */
  sla_breached: {
    escalationId: storableKeySchema,
    deadline: z.enum(slaDeadlines),
    rail: breakdownKeySchema.optional(),
    action: breakdownKeySchema.optional(),
    /** How late it was when the breach was noticed. */
    lateMs: durationMs,
  },
  /**
   * A ticket SLA metric run completed or breached (`@guardloop/intake` records these with
   * `recordTicketSlaOutcomes`): one run is `metric` + `instance`, its outcomes fold into one.
   */
  ticket_sla: {
    policy: breakdownKeySchema,
    priority: breakdownKeySchema,
    metric: z.enum(ticketSlaMetrics),
    /** 1 for the first response; counts next responses, and resolutions after reopens. */
    instance: z.number().int().positive(),
    targetMs: durationMs,
    /** Measured time (open hours for a business-hours policy), pauses left out. */
    elapsedMs: durationMs,
    breached: z.boolean(),
    /** Wall time past the due time. */
    lateMs: durationMs.optional(),
    /**
     * Whether the clock stopped (default): false for a breach noticed while it still runs,
     * whose `elapsedMs` is not the final time and is left out of the time percentiles.
     */
    completed: z.boolean().default(true),
  },
} as const;

export type OutcomeType = keyof typeof outcomePayloads;
export const outcomeTypes = Object.keys(outcomePayloads) as OutcomeType[];

/** Types that may start a trace; any other type on an unseen trace is flagged `unknown_trace`. */
export const originOutcomeTypes: ReadonlySet<OutcomeType> = new Set([
  'decision',
  'escalated',
  'routed',
  'deflected',
  'article_suggested',
]);
