import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { abortOptionsSchema, clockSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import { type SegmentFilter, segmentFilterSchema } from '../schemas/segment';
import { dayBounds, type TimeRangeInput, timeRangeSchema } from '../schemas/time-range';
import type { FeedbackCallOptions, FeedbackStore } from '../store/feedback-store';
import { compareKpiReports, type KpiComparison } from './compare-kpi-reports';
import { defaultMaxBreakdownKeys, type KpiReport, kpiReport } from './kpi-report';

const optionsSchema = z.object({
  store: feedbackStoreSchema,
  clock: clockSchema.optional(),
  maxBreakdownKeys: z.number().int().positive().max(1000).optional(),
});

export interface KpisOptions {
  store: FeedbackStore;
  /** Backlog ages are measured at `clock.now()`. */
  clock?: Clock;
  /**
   * Rails and actions listed per human review breakdown (the busiest); the others are summed
   * into `rest`. Default 50, at most 1000.
   */
  maxBreakdownKeys?: number;
}

export interface Kpis {
  /**
   * KPIs of the traces that started in `range` (widened to whole UTC days), optionally in one
   * segment. Reads the per-day aggregates only, so the cost does not grow with the outcome count.
   * @throws InvalidInputError (`invalid_input`) for a bad range or segment filter
   */
  queryKpis(
    range: TimeRangeInput,
    segment?: SegmentFilter,
    options?: FeedbackCallOptions,
  ): Promise<KpiReport>;
  /**
   * Baseline vs current: the delta of every KPI with direction good/bad (and a p-value for rates).
   * @throws InvalidInputError (`invalid_input`) for a bad range or segment filter
   */
  compareKpis(
    baselineRange: TimeRangeInput,
    currentRange: TimeRangeInput,
    segment?: SegmentFilter,
    options?: FeedbackCallOptions,
  ): Promise<KpiComparison>;
}

/** KPIs over any time range and segment, from the aggregates the recorder maintains. */
export function createKpis(options: KpisOptions): Kpis {
  const {
    store,
    clock = systemClock,
    maxBreakdownKeys = defaultMaxBreakdownKeys,
  } = parseInput(optionsSchema, options, 'KPI options');

  const query = async (rangeInput: unknown, segmentInput: unknown, abortSignal?: AbortSignal) => {
    const range = parseInput(timeRangeSchema, rangeInput, 'time range');
    const segment =
      parseInput(segmentFilterSchema.optional(), segmentInput, 'segment filter') ?? {};
    const rows = await store.queryAggregates({ ...dayBounds(range), segment }, { abortSignal });
    return kpiReport(rows, { range, segment, asOf: clock.now() }, { maxBreakdownKeys });
  };

  return {
    async queryKpis(range, segment, queryOptions) {
      const { abortSignal } = parseInput(abortOptionsSchema, queryOptions, 'query options') ?? {};
      return query(range, segment, abortSignal);
    },
    async compareKpis(baselineRange, currentRange, segment, compareOptions) {
      const { abortSignal } =
        parseInput(abortOptionsSchema, compareOptions, 'compare options') ?? {};
      const [baseline, current] = await Promise.all([
        query(baselineRange, segment, abortSignal),
        query(currentRange, segment, abortSignal),
      ]);
      return compareKpiReports(baseline, current);
    },
  };
}
