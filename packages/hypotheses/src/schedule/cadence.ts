import { z } from 'zod';

const dayMs = 86_400_000;

/**
 * How often a learning job runs. Calendar cadences start their periods at local midnight
 * (weeks on Monday, months on the 1st) in `timeZone` (an IANA name, default `UTC`);
 * `{ everyMs }` periods are aligned to the Unix epoch.
 */
export const cadenceSchema = z.union([
  z.strictObject({
    every: z.enum(['day', 'week', 'month']),
    timeZone: z
      .string()
      .refine(isTimeZone, 'Expected an IANA time zone, e.g. Europe/Berlin')
      .optional(),
  }),
  z.strictObject({
    everyMs: z
      .int()
      .min(1000)
      .max(366 * dayMs),
  }),
]);
export type Cadence = z.output<typeof cadenceSchema>;

/** One period of a cadence: `[start, end)` in epoch ms, and its stable key. */
export interface LearningPeriod {
  /** The period start as an ISO timestamp (UTC), unique per job. */
  key: string;
  start: number;
  end: number;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Offset of `timeZone` from UTC at instant `at`, in ms (positive east of Greenwich).
function offsetMs(timeZone: string, at: number): number {
  if (timeZone === 'UTC') return 0;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (at - (at % 1000));
}

// The instant of local wall-clock time `wall` (a Date.UTC value) in `timeZone`; checked twice
// because the offset itself depends on the instant (DST).
function wallToInstant(timeZone: string, wall: number): number {
  const guess = wall - offsetMs(timeZone, wall);
  return wall - offsetMs(timeZone, guess);
}

// Start of the calendar period holding local wall time `wall`, as a wall time.
function calendarStart(every: 'day' | 'week' | 'month', wall: number, step: number): number {
  const date = new Date(wall);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  if (every === 'month') return Date.UTC(y, m + step, 1);
  const day = Date.UTC(y, m, d);
  if (every === 'day') return day + step * dayMs;
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return day - sinceMonday * dayMs + step * 7 * dayMs;
}

/** The period of `cadence` that contains instant `now`. */
export function periodOf(cadence: Cadence, now: number): LearningPeriod {
  if ('everyMs' in cadence) {
    const start = Math.floor(now / cadence.everyMs) * cadence.everyMs;
    return { key: new Date(start).toISOString(), start, end: start + cadence.everyMs };
  }
  const timeZone = cadence.timeZone ?? 'UTC';
  const wall = now + offsetMs(timeZone, now);
  let start = wallToInstant(timeZone, calendarStart(cadence.every, wall, 0));
  let end = wallToInstant(timeZone, calendarStart(cadence.every, wall, 1));
  // Around a DST change the wall time may map just outside the period: step to the right one.
  if (start > now) {
    end = start;
    start = wallToInstant(timeZone, calendarStart(cadence.every, wall, -1));
  } else if (end <= now) {
    start = end;
    end = wallToInstant(timeZone, calendarStart(cadence.every, wall, 2));
  }
  return { key: new Date(start).toISOString(), start, end };
}
