import { addKpiCounters, emptyKpiCounters, type KpiCounters } from '../schemas/kpi-counters';
import type { SegmentFilter } from '../schemas/segment';
import type { TimeRange } from '../schemas/time-range';
import type { AggregateRow } from '../store/feedback-store';
import { type BacklogAging, backlogAging } from './backlog-aging';
import {
  acknowledgeTime,
  type DurationDistribution,
  decisionTime,
  type HumanReviewBreakdown,
  humanReviewBreakdown,
} from './human-review-kpis';
import { type Rate, rate } from './rate';
import {
  type TicketSlaBreakdowns,
  ticketSlaBreakdowns,
  ticketSlaFirstResponseTime,
  ticketSlaResolutionTime,
} from './ticket-sla-kpis';

export type { Rate } from './rate';

export interface Mean {
  value: number | null;
  count: number;
}

export interface KpiMetrics {
  /** Resolved on first contact and never reopened, of resolved traces. */
  firstContactResolution: Rate;
  /** Reopened at least once, of resolved traces. */
  reopenRate: Rate;
  /** Escalated to a human, of all traces. */
  escalationRate: Rate;
  /** Overridden by a human, of traces with an AI proposal. */
  overrideRate: Rate;
  /** Macro uses whose text was edited, of macro uses. */
  macroEditRate: Rate;
  /** Helpful votes, of article votes. */
  articleHelpfulness: Rate;
  /** Deflections not followed by a return, reopen or escalation within the window. */
  deflectionQuality: Rate;
  /** Mean score, 1..5. */
  csat: Mean;
  timeToFirstResponseMs: Mean;
  timeToResolutionMs: Mean;
  /** Escalation to a reviewer's decision, per decided escalation. */
  humanDecisionTimeMs: DurationDistribution;
  /** Escalation to first claim, per decided escalation that reported it. */
  humanAcknowledgeTimeMs: DurationDistribution;
  /** `approved` (the AI was right), of escalations a human decided. */
  approvalRate: Rate;
  /**
   * Escalations that missed an SLA deadline (an `sla_breached` outcome or a decision with
   * `slaBreached`), of escalations decided or breached: one still waiting inside its SLA is
   * not counted yet, as its outcome is not known.
   */
  slaBreachRate: Rate;
  /** Ticket SLA: measured time of completed first-response runs (`ticket_sla` outcomes). */
  ticketSlaFirstResponseTimeMs: DurationDistribution;
  /** Ticket SLA: measured time of completed resolution runs. */
  ticketSlaResolutionTimeMs: DurationDistribution;
  /**
   * Ticket SLA runs that breached, of runs recorded (completed or breached): one still running
   * inside its target is not counted yet.
   */
  ticketSlaBreachRate: Rate;
}

/** The human review KPIs per rail and per action (`unknown`: the outcomes named none). */
export interface HumanReviewBreakdowns {
  byRail: HumanReviewBreakdown;
  byAction: HumanReviewBreakdown;
}

export type KpiMetricName = keyof KpiMetrics;

export interface KpiReport {
  /** The range asked for; buckets are whole UTC days covering it. */
  range: TimeRange;
  segment: SegmentFilter;
  /** When the backlog ages were measured. */
  asOf: number;
  counters: KpiCounters;
  metrics: KpiMetrics;
  backlog: BacklogAging;
  humanReview: HumanReviewBreakdowns;
  /** Ticket SLA breach rates per policy, priority and metric. */
  ticketSla: TicketSlaBreakdowns;
}

/** Default of `maxBreakdownKeys`: keys listed per breakdown before the rest are summed. */
export const defaultMaxBreakdownKeys = 50;

const mean = (sum: number, count: number): Mean => ({
  value: count > 0 ? sum / count : null,
  count,
});

/** Sums day buckets into KPIs; reads aggregates only, never raw outcomes. */
export function kpiReport(
  rows: readonly AggregateRow[],
  context: { range: TimeRange; segment: SegmentFilter; asOf: number },
  { maxBreakdownKeys = defaultMaxBreakdownKeys }: { maxBreakdownKeys?: number } = {},
): KpiReport {
  const c = emptyKpiCounters();
  for (const row of rows) addKpiCounters(c, row.counters);
  return {
    ...context,
    counters: c,
    metrics: {
      firstContactResolution: rate(c.firstContactResolved, c.resolved),
      reopenRate: rate(c.reopened, c.resolved),
      escalationRate: rate(c.escalated, c.traces),
      overrideRate: rate(c.overridden, c.decisions),
      macroEditRate: rate(c.macroEdits, c.macroUses),
      articleHelpfulness: rate(c.articleHelpful, c.articleHelpful + c.articleUnhelpful),
      deflectionQuality: rate(c.deflected - c.deflectionReturned, c.deflected),
      csat: mean(c.csatScoreSum, c.csatResponses),
      timeToFirstResponseMs: mean(c.firstResponseMsSum, c.firstResponses),
      timeToResolutionMs: mean(c.resolutionMsSum, c.resolved),
      humanDecisionTimeMs: decisionTime(c),
      humanAcknowledgeTimeMs: acknowledgeTime(c),
      approvalRate: rate(c.humanApproved, c.humanDecisions),
      slaBreachRate: rate(c.humanSlaBreached, c.humanReviews),
      ticketSlaFirstResponseTimeMs: ticketSlaFirstResponseTime(c),
      ticketSlaResolutionTimeMs: ticketSlaResolutionTime(c),
      ticketSlaBreachRate: rate(c.ticketSlaBreached, c.ticketSlaRuns),
    },
    backlog: backlogAging(rows, context.asOf),
    humanReview: {
      byRail: humanReviewBreakdown(rows, 'rail', maxBreakdownKeys),
      byAction: humanReviewBreakdown(rows, 'action', maxBreakdownKeys),
    },
    ticketSla: ticketSlaBreakdowns(rows, maxBreakdownKeys),
  };
}
