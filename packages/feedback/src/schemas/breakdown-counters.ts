import { z } from 'zod';
import { breakdownKeySchema } from './human-review';

/**
 * What the human review KPIs and the resolutions are broken down by: the rail and action of a
 * review, and the action and hypothesis (id) a trace's decision proposed; ticket SLA runs by
 * their policy, priority and metric.
 */
export const breakdownDimensions = [
  'rail',
  'action',
  'hypothesis',
  'sla_policy',
  'sla_priority',
  'sla_metric',
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** Counted per escalation (human review). */
export const reviewCounterNames = [
  /** Escalations decided or breached. */
  'reviews',
  'approved',
  'approvedWithEdits',
  'rejected',
  'slaBreached',
] as const;

/** Additive counters per (day bucket × dimension × key). */
export const breakdownCounterNames = [
  ...reviewCounterNames,
  /** Counted per trace, under its decision's action and hypothesis: resolved traces. */
  'resolved',
  /** Of those, resolved on first contact and never reopened (as the KPI aggregates). */
  'firstContactResolved',
  /** Of those, reopened at least once. */
  'reopened',
  /** Ticket SLA metric runs recorded (completed or breached), under their policy, priority, metric. */
  'ticketSlaRuns',
  /** Of those, breached. */
  'ticketSlaBreached',
] as const;
export type BreakdownCounterName = (typeof breakdownCounterNames)[number];
export type BreakdownCounters = Record<BreakdownCounterName, number>;

export const breakdownCountersSchema = z.object(
  Object.fromEntries(breakdownCounterNames.map((name) => [name, z.number().int()])) as Record<
    BreakdownCounterName,
    z.ZodNumber
  >,
);

/** Counter changes of one key in one day bucket; values may be negative. */
export interface BreakdownDelta {
  dimension: BreakdownDimension;
  /** The rail, action or hypothesis id; `unknown` when a review named none. */
  key: string;
  counters: Partial<BreakdownCounters>;
}

/** The counters of one key in one day bucket. */
export interface BreakdownRow {
  dimension: BreakdownDimension;
  key: string;
  counters: BreakdownCounters;
}

export const breakdownDeltaSchema = z.strictObject({
  dimension: z.enum(breakdownDimensions),
  key: breakdownKeySchema,
  counters: z.strictObject(breakdownCountersSchema.partial().shape),
});

export function emptyBreakdownCounters(): BreakdownCounters {
  return {
    reviews: 0,
    approved: 0,
    approvedWithEdits: 0,
    rejected: 0,
    slaBreached: 0,
    resolved: 0,
    firstContactResolved: 0,
    reopened: 0,
    ticketSlaRuns: 0,
    ticketSlaBreached: 0,
  };
}

/** Adds `delta` into `target` in place. */
export function addBreakdownCounters(
  target: BreakdownCounters,
  delta: Partial<BreakdownCounters>,
): BreakdownCounters {
  for (const name of breakdownCounterNames) target[name] += delta[name] ?? 0;
  return target;
}

/** Whether every counter is zero (a key whose escalations all moved to another bucket). */
export function isZeroBreakdown(counters: Partial<BreakdownCounters>): boolean {
  return breakdownCounterNames.every((name) => (counters[name] ?? 0) === 0);
}

/** `dimension` + key as one map key (NUL cannot occur in a storable key). */
export const breakdownId = ({ dimension, key }: Pick<BreakdownDelta, 'dimension' | 'key'>) =>
  `${dimension}\u0000${key}`;
