import { z } from 'zod';
import { breakdownKeySchema } from './human-review';

/** What the human review KPIs are broken down by. */
export const breakdownDimensions = ['rail', 'action'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** Additive counters per (day bucket × dimension × key), counted per escalation. */
export const breakdownCounterNames = [
  /** Escalations decided or breached. */
  'reviews',
  'approved',
  'approvedWithEdits',
  'rejected',
  'slaBreached',
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
  /** The rail or action name; `unknown` when the outcome named none. */
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
  return { reviews: 0, approved: 0, approvedWithEdits: 0, rejected: 0, slaBreached: 0 };
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
