import {
  addBreakdownCounters,
  type BreakdownCounters,
  type BreakdownDimension,
  emptyBreakdownCounters,
  reviewCounterNames,
} from '../schemas/breakdown-counters';
import { histogramQuantile } from '../schemas/duration-histogram';
import {
  acknowledgeMsBucketNames,
  decideMsBucketNames,
  type KpiCounters,
} from '../schemas/kpi-counters';
import type { AggregateRow } from '../store/feedback-store';
import { rankBreakdownKeys } from './rank-breakdown-keys';
import { type Rate, rate } from './rate';

/** Review times: percentiles estimated from the duration histogram (see `durationHistogramBoundsMs`). */
export interface DurationDistribution {
  /** The median, so that comparisons treat it like any other KPI value; null without data. */
  value: number | null;
  median: number | null;
  p90: number | null;
  /** Exact, from the sums. */
  mean: number | null;
  count: number;
}

/** The human review KPIs of one rail or action. */
export interface HumanReviewBreakdownEntry {
  key: string;
  /** `approved` of decided escalations. */
  approvalRate: Rate;
  /** Breached of escalations decided or breached. */
  slaBreachRate: Rate;
  /** The review counters (resolutions per action are read from the aggregates' breakdowns). */
  counters: Pick<BreakdownCounters, (typeof reviewCounterNames)[number]>;
}

/**
 * Per-key KPIs, bounded: the `maxBreakdownKeys` keys with the most reviews (ties by key), and
 * the sum of all others in `rest`, so that a report stays small whatever names were recorded.
 */
export interface HumanReviewBreakdown {
  entries: HumanReviewBreakdownEntry[];
  rest: Omit<HumanReviewBreakdownEntry, 'key'> & { keys: number };
}

export function durationDistribution(
  counters: KpiCounters,
  buckets: readonly (keyof KpiCounters)[],
  sum: number,
  count: number,
): DurationDistribution {
  const histogram = buckets.map((name) => counters[name]);
  const median = histogramQuantile(histogram, 0.5);
  return {
    value: median,
    median,
    p90: histogramQuantile(histogram, 0.9),
    mean: count > 0 ? sum / count : null,
    count,
  };
}

export const decisionTime = (c: KpiCounters) =>
  durationDistribution(c, decideMsBucketNames, c.decideMsSum, c.humanDecisions);

export const acknowledgeTime = (c: KpiCounters) =>
  durationDistribution(c, acknowledgeMsBucketNames, c.acknowledgeMsSum, c.acknowledgements);

const decided = (c: BreakdownCounters) => c.approved + c.approvedWithEdits + c.rejected;

const entryOf = (key: string, counters: BreakdownCounters): HumanReviewBreakdownEntry => ({
  key,
  approvalRate: rate(counters.approved, decided(counters)),
  slaBreachRate: rate(counters.slaBreached, counters.reviews),
  counters: Object.fromEntries(
    reviewCounterNames.map((name) => [name, counters[name]]),
  ) as HumanReviewBreakdownEntry['counters'],
});

/** Sums the rows' per-key counters of one dimension and keeps the busiest `maxKeys`. */
export function humanReviewBreakdown(
  rows: readonly AggregateRow[],
  dimension: BreakdownDimension,
  maxKeys: number,
): HumanReviewBreakdown {
  const sorted = rankBreakdownKeys(rows, dimension, 'reviews');
  const rest = emptyBreakdownCounters();
  for (const other of sorted.slice(maxKeys)) addBreakdownCounters(rest, other.counters);
  const { key: _, ...restEntry } = entryOf('', rest);
  return {
    entries: sorted.slice(0, maxKeys).map((total) => entryOf(total.key, total.counters)),
    rest: { ...restEntry, keys: Math.max(0, sorted.length - maxKeys) },
  };
}
