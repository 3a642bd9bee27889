import { dayMs } from '../schemas/time-range';
import type { AggregateRow } from '../store/feedback-store';

export interface BacklogAging {
  /** Tickets still open (not resolved, not deflected). */
  open: number;
  meanAgeMs: number | null;
  oldestAgeMs: number | null;
  buckets: {
    underOneDay: number;
    oneToThreeDays: number;
    threeToSevenDays: number;
    overSevenDays: number;
  };
}

/**
 * Ages come from day buckets, assuming arrivals spread evenly over each day: the estimated age of
 * a ticket opened on a past day is the time since that day's midpoint (half of today for today).
 */
export function estimatedAge(day: number, asOf: number): number {
  if (asOf <= day) return 0;
  return asOf >= day + dayMs ? asOf - (day + dayMs / 2) : (asOf - day) / 2;
}

/** How long the open tickets among `rows` have been waiting, as of `asOf`. */
export function backlogAging(rows: readonly AggregateRow[], asOf: number): BacklogAging {
  const aging: BacklogAging = {
    open: 0,
    meanAgeMs: null,
    oldestAgeMs: null,
    buckets: { underOneDay: 0, oneToThreeDays: 0, threeToSevenDays: 0, overSevenDays: 0 },
  };
  let ageSum = 0;
  for (const row of rows) {
    const open = row.counters.openTickets;
    if (open <= 0) continue;
    const age = estimatedAge(row.day, asOf);
    aging.open += open;
    ageSum += age * open;
    aging.oldestAgeMs = Math.max(aging.oldestAgeMs ?? 0, age);
    const days = age / dayMs;
    const bucket =
      days < 1
        ? 'underOneDay'
        : days < 3
          ? 'oneToThreeDays'
          : days < 7
            ? 'threeToSevenDays'
            : 'overSevenDays';
    aging.buckets[bucket] += open;
  }
  if (aging.open > 0) aging.meanAgeMs = ageSum / aging.open;
  return aging;
}
