import { z } from 'zod';

/** One UTC day in milliseconds: the bucket size of the KPI aggregates. */
export const dayMs = 86_400_000;

/** Start (epoch ms) of the UTC day that contains `at`. */
export function dayOf(at: number): number {
  return Math.floor(at / dayMs) * dayMs;
}

/** Epoch milliseconds, or a Date converted to them. */
export const epochSchema = z
  .union([z.number().int().nonnegative(), z.date()])
  .transform((value) => (typeof value === 'number' ? value : value.getTime()));

/** Half-open `[from, to)`; KPI queries widen it to whole UTC days. */
export const timeRangeSchema = z
  .object({ from: epochSchema, to: epochSchema })
  .refine((range) => range.from < range.to, { message: 'from must be before to', path: ['to'] });

export type TimeRange = z.output<typeof timeRangeSchema>;
export type TimeRangeInput = z.input<typeof timeRangeSchema>;

/** The day buckets `[fromDay, toDay)` that cover a range. */
export function dayBounds(range: TimeRange): { fromDay: number; toDay: number } {
  return { fromDay: dayOf(range.from), toDay: dayOf(range.to - 1) + dayMs };
}
