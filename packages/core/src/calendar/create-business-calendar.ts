import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error';
import { parseInput } from '../utils/parse-input';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (00:00-23:59)');
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const businessCalendarOptionsSchema = z.strictObject({
  /** An IANA time zone, e.g. `Europe/Berlin`: opening hours are wall-clock times there. */
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone'),
  /** Open weekdays, 0 = Sunday ... 6 = Saturday. Default Monday to Friday. */
  days: z
    .array(z.int().min(0).max(6))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'Duplicate day')
    .default([1, 2, 3, 4, 5]),
  /** Opening hours each open day, local time; `end` after `start`. */
  hours: z
    .strictObject({ start: clockTime, end: clockTime })
    .refine(({ start, end }) => minutes(end) > minutes(start), 'end must be after start'),
  /** Closed local dates, `YYYY-MM-DD`. */
  holidays: z.array(z.iso.date()).max(10_000).default([]),
});
export type BusinessCalendarOptions = z.input<typeof businessCalendarOptionsSchema>;

/** Business-hours arithmetic in one time zone (DST-aware). */
export interface BusinessCalendar {
  /** The instant `durationMs` of open time after `fromMs` (epoch ms). */
  addBusinessTime(fromMs: number, durationMs: number): number;
  /** Open time between `fromMs` and `toMs` (epoch ms; 0 when `toMs` is not after `fromMs`). */
  businessTimeBetween(fromMs: number, toMs: number): number;
  /** Whether the calendar is open at `atMs`. */
  isOpen(atMs: number): boolean;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const dayMs = 24 * 60 * 60 * 1000;
// Longer than any SLA (a year of open time at one open minute a day would not fit anyway).
const maxDaysScanned = 50 * 366;

/**
 * Creates a business calendar. Zone offsets come from `Intl.DateTimeFormat`, so opening hours
 * follow daylight-saving changes (durations are elapsed time: an open day an hour shorter holds
 * an hour less). A local time skipped by a DST change is shifted forward by the gap, as
 * Temporal's `compatible` disambiguation does. Throws `invalid_input` for bad options.
 */
export function createBusinessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const { timeZone, days, hours, holidays } = parseInput(
    businessCalendarOptionsSchema,
    options,
    'business calendar options',
  );
  const openDays = new Set(days);
  const closed = new Set(holidays);
  const opens = minutes(hours.start);
  const closes = minutes(hours.end);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  /** The wall-clock time at `atMs`, as if it were UTC. */
  function wallClock(atMs: number): number {
    const part: Record<string, number> = {};
    for (const { type, value } of format.formatToParts(atMs)) part[type] = Number(value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
    return Date.UTC(year, month - 1, day, hour, minute, second) + (((atMs % 1000) + 1000) % 1000);
  }
  const offset = (atMs: number) => wallClock(atMs) - atMs;

  /** The instant of a local wall-clock time (given as if UTC). */
  function instant(wall: number): number {
    const guess = wall - offset(wall);
    const corrected = wall - offset(guess);
    // In a gap (spring forward) neither guess shows `wall`: take the later, just after the gap.
    return wallClock(corrected) === wall ? corrected : Math.max(guess, corrected);
  }

  const localDate = (atMs: number): LocalDate => {
    const wall = new Date(wallClock(atMs));
    return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  };
  const midnight = ({ year, month, day }: LocalDate) => Date.UTC(year, month - 1, day);
  const isoDate = (date: LocalDate) => new Date(midnight(date)).toISOString().slice(0, 10);
  const isOpenDay = (date: LocalDate) =>
    openDays.has(new Date(midnight(date)).getUTCDay()) && !closed.has(isoDate(date));
  /** Opening and closing instants of a local date. */
  const window = (date: LocalDate) => ({
    open: instant(midnight(date) + opens * 60_000),
    close: instant(midnight(date) + closes * 60_000),
  });
  const nextDate = (date: LocalDate): LocalDate => {
    const next = new Date(midnight(date) + dayMs);
    return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  };
  const epochMs = z.int().nonnegative();

  return {
    addBusinessTime(fromMs, durationMs) {
      parseInput(epochMs, fromMs, 'business calendar start');
      parseInput(epochMs, durationMs, 'business calendar duration');
      let cursor = fromMs;
      let remaining = durationMs;
      let date = localDate(fromMs);
      for (let scanned = 0; scanned < maxDaysScanned; scanned++) {
        if (isOpenDay(date)) {
          const { open, close } = window(date);
          if (cursor < open) cursor = open;
          if (cursor < close) {
            if (remaining <= close - cursor) return cursor + remaining;
            remaining -= close - cursor;
            cursor = close;
          }
        }
        date = nextDate(date);
      }
      throw new InvalidInputError({
        subject: 'business calendar duration',
        issues: [
          { path: '', message: `No ${durationMs} ms of open time within ${maxDaysScanned} days` },
        ],
      });
    },
    businessTimeBetween(fromMs, toMs) {
      parseInput(epochMs, fromMs, 'business calendar start');
      parseInput(epochMs, toMs, 'business calendar end');
      let total = 0;
      let date = localDate(fromMs);
      for (let scanned = 0; scanned < maxDaysScanned; scanned++) {
        const { open, close } = window(date);
        // Opening instants only grow from day to day, so the first one past `toMs` ends the scan.
        if (open >= toMs) return total;
        if (isOpenDay(date)) total += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
        date = nextDate(date);
      }
      throw new InvalidInputError({
        subject: 'business calendar end',
        issues: [{ path: '', message: `More than ${maxDaysScanned} days between start and end` }],
      });
    },
    isOpen(atMs) {
      parseInput(epochMs, atMs, 'business calendar time');
      const date = localDate(atMs);
      if (!isOpenDay(date)) return false;
      const { open, close } = window(date);
      return atMs >= open && atMs < close;
    },
  };
}
