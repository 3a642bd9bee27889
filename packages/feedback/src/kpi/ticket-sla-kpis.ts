import type { BreakdownDimension } from '../schemas/breakdown-counters';
import {
  type KpiCounters,
  ticketSlaFirstResponseMsBucketNames,
  ticketSlaResolutionMsBucketNames,
} from '../schemas/kpi-counters';
import type { AggregateRow } from '../store/feedback-store';
import { durationDistribution } from './human-review-kpis';
import { rankBreakdownKeys } from './rank-breakdown-keys';
import { type Rate, rate } from './rate';

/** The ticket SLA breach rate of one policy, priority or metric. */
export interface TicketSlaBreakdownEntry {
  key: string;
  /** Breached of the runs recorded (completed or breached). */
  breachRate: Rate;
  runs: number;
  breached: number;
}

/** The `maxBreakdownKeys` keys with the most runs (ties by key); the others summed in `rest`. */
export interface TicketSlaBreakdown {
  entries: TicketSlaBreakdownEntry[];
  rest: Omit<TicketSlaBreakdownEntry, 'key'> & { keys: number };
}

/** Ticket SLA breach rates per policy, per priority and per metric. */
export interface TicketSlaBreakdowns {
  byPolicy: TicketSlaBreakdown;
  byPriority: TicketSlaBreakdown;
  byMetric: TicketSlaBreakdown;
}

/** Completed first-response runs: percentiles from the histogram, mean from the sums. */
export const ticketSlaFirstResponseTime = (c: KpiCounters) =>
  durationDistribution(
    c,
    ticketSlaFirstResponseMsBucketNames,
    c.ticketSlaFirstResponseMsSum,
    c.ticketSlaFirstResponses,
  );

/** Completed resolution runs (each resolution after a reopen is a run of its own). */
export const ticketSlaResolutionTime = (c: KpiCounters) =>
  durationDistribution(
    c,
    ticketSlaResolutionMsBucketNames,
    c.ticketSlaResolutionMsSum,
    c.ticketSlaResolutions,
  );

const entryOf = (key: string, runs: number, breached: number): TicketSlaBreakdownEntry => ({
  key,
  breachRate: rate(breached, runs),
  runs,
  breached,
});

function breakdownOf(
  rows: readonly AggregateRow[],
  dimension: BreakdownDimension,
  maxKeys: number,
): TicketSlaBreakdown {
  const sorted = rankBreakdownKeys(rows, dimension, 'ticketSlaRuns');
  let restRuns = 0;
  let restBreached = 0;
  for (const other of sorted.slice(maxKeys)) {
    restRuns += other.counters.ticketSlaRuns;
    restBreached += other.counters.ticketSlaBreached;
  }
  const { key: _, ...rest } = entryOf('', restRuns, restBreached);
  return {
    entries: sorted
      .slice(0, maxKeys)
      .map(({ key, counters }) => entryOf(key, counters.ticketSlaRuns, counters.ticketSlaBreached)),
    rest: { ...rest, keys: Math.max(0, sorted.length - maxKeys) },
  };
}

/** Sums the rows' per-key ticket SLA counters and keeps the busiest `maxKeys` of each dimension. */
export function ticketSlaBreakdowns(
  rows: readonly AggregateRow[],
  maxKeys: number,
): TicketSlaBreakdowns {
  return {
    byPolicy: breakdownOf(rows, 'sla_policy', maxKeys),
    byPriority: breakdownOf(rows, 'sla_priority', maxKeys),
    byMetric: breakdownOf(rows, 'sla_metric', maxKeys),
  };
}
