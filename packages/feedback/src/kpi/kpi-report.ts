import { addKpiCounters, emptyKpiCounters, type KpiCounters } from '../schemas/kpi-counters';
import type { SegmentFilter } from '../schemas/segment';
import type { TimeRange } from '../schemas/time-range';
import type { AggregateRow } from '../store/feedback-store';
import { type BacklogAging, backlogAging } from './backlog-aging';

export interface Rate {
  /** `numerator / denominator`, or null when nothing was counted. */
  value: number | null;
  numerator: number;
  denominator: number;
}

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
}

const rate = (numerator: number, denominator: number): Rate => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
});

const mean = (sum: number, count: number): Mean => ({
  value: count > 0 ? sum / count : null,
  count,
});

/** Sums day buckets into KPIs; reads aggregates only, never raw outcomes. */
export function kpiReport(
  rows: readonly AggregateRow[],
  context: { range: TimeRange; segment: SegmentFilter; asOf: number },
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
    },
    backlog: backlogAging(rows, context.asOf),
  };
}
