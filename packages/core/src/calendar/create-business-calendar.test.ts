import { describe, expect, it } from 'vitest';
import { GuardloopError } from '../errors/guardloop-error';
import { createSeededRandom } from '../utils/seeded-random';
import { createBusinessCalendar } from './create-business-calendar';

const hour = 60 * 60_000;
const at = (iso: string) => Date.parse(iso);
const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
// Berlin: CET (UTC+1) until 2026-03-29 01:00Z, CEST (UTC+2) until 2026-10-25 01:00Z.
const berlin = createBusinessCalendar({
  timeZone: 'Europe/Berlin',
  hours: { start: '09:00', end: '17:00' },
  holidays: ['2026-12-25'],
});

describe('createBusinessCalendar', () => {
  it('skips nights and weekends, across the spring DST change', () => {
    // Friday 16:00 CET + 2 open hours: 1 on Friday, 1 from Monday 09:00 CEST (07:00Z).
    expect(berlin.addBusinessTime(at('2026-03-27T15:00:00Z'), 2 * hour)).toBe(
      at('2026-03-30T08:00:00Z'),
    );
  });

  it('follows the autumn DST change', () => {
    // Friday 16:30 CEST + 1 hour: 30 minutes on Friday, 30 from Monday 09:00 CET (08:00Z).
    expect(berlin.addBusinessTime(at('2026-10-23T14:30:00Z'), hour)).toBe(
      at('2026-10-26T08:30:00Z'),
    );
  });

  it('starts at the next opening and skips holidays', () => {
    // Saturday: nothing until Monday 09:00 CET (08:00Z).
    expect(berlin.addBusinessTime(at('2026-12-19T10:00:00Z'), hour)).toBe(
      at('2026-12-21T09:00:00Z'),
    );
    // Thursday 16:00 CET + 2 hours: Friday the 25th is a holiday.
    expect(berlin.addBusinessTime(at('2026-12-24T15:00:00Z'), 2 * hour)).toBe(
      at('2026-12-28T09:00:00Z'),
    );
  });

  it('counts elapsed time through the night the clocks jump', () => {
    const always = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      days: [0, 1, 2, 3, 4, 5, 6],
      hours: { start: '00:00', end: '23:59' },
    });
    // From 00:00 CET on the 29th, 4 real hours later is 05:00 CEST (03:00Z), not 04:00.
    expect(always.addBusinessTime(at('2026-03-28T23:00:00Z'), 4 * hour)).toBe(
      at('2026-03-29T03:00:00Z'),
    );
  });

  it('opens a skipped local time after the gap', () => {
    const night = createBusinessCalendar({
      timeZone: 'Europe/Berlin',
      days: [0],
      hours: { start: '02:30', end: '04:00' },
    });
    // 02:30 does not exist on 2026-03-29: shifted forward by the gap to 03:30 CEST (01:30Z).
    expect(night.isOpen(at('2026-03-29T01:15:00Z'))).toBe(false);
    expect(night.isOpen(at('2026-03-29T01:30:00Z'))).toBe(true);
    expect(night.isOpen(at('2026-03-29T02:00:00Z'))).toBe(false);
  });

  it('tells open from closed in local time', () => {
    expect(berlin.isOpen(at('2026-07-01T07:00:00Z'))).toBe(true); // 09:00 CEST
    expect(berlin.isOpen(at('2026-01-07T07:30:00Z'))).toBe(false); // 08:30 CET
    expect(berlin.isOpen(at('2026-01-07T15:59:00Z'))).toBe(true); // 16:59 CET
    expect(berlin.isOpen(at('2026-01-07T16:00:00Z'))).toBe(false); // 17:00 CET
  });

  it('works west of UTC across the US change', () => {
    const newYork = createBusinessCalendar({
      timeZone: 'America/New_York',
      hours: { start: '08:00', end: '18:00' },
    });
    // Friday 2026-03-06 17:00 EST (22:00Z) + 2h: Monday 2026-03-09 08:00 EDT (12:00Z) + 1h.
    expect(newYork.addBusinessTime(at('2026-03-06T22:00:00Z'), 2 * hour)).toBe(
      at('2026-03-09T13:00:00Z'),
    );
  });

  it.each<[string, unknown]>([
    ['no options', undefined],
    ['an unknown zone', { timeZone: 'Mars/Olympus', hours: { start: '09:00', end: '17:00' } }],
    ['hours that end first', { timeZone: 'UTC', hours: { start: '17:00', end: '09:00' } }],
    ['a malformed hour', { timeZone: 'UTC', hours: { start: '9am', end: '17:00' } }],
    ['no days', { timeZone: 'UTC', days: [], hours: { start: '09:00', end: '17:00' } }],
    ['day 7', { timeZone: 'UTC', days: [7], hours: { start: '09:00', end: '17:00' } }],
    [
      'a malformed holiday',
      { timeZone: 'UTC', hours: { start: '09:00', end: '17:00' }, holidays: ['25.12.2026'] },
    ],
  ])('refuses %s with invalid_input', (_, options) => {
    expect(() => createBusinessCalendar(options as never)).toThrow(expect.toSatisfy(invalid));
  });

  it('refuses malformed times with invalid_input', () => {
    expect(() => berlin.addBusinessTime(1.5, hour)).toThrow(expect.toSatisfy(invalid));
    expect(() => berlin.addBusinessTime(0, -1)).toThrow(expect.toSatisfy(invalid));
    expect(() => berlin.isOpen(Number.NaN)).toThrow(expect.toSatisfy(invalid));
  });

  it('measures open time between two instants, skipping nights, weekends and holidays', () => {
    // Thursday 16:00 CET to Monday 10:00 CET: 1 hour Thursday, Friday is a holiday, 1 hour Monday.
    expect(berlin.businessTimeBetween(at('2026-12-24T15:00:00Z'), at('2026-12-28T09:00:00Z'))).toBe(
      2 * hour,
    );
    expect(berlin.businessTimeBetween(at('2026-12-28T09:00:00Z'), at('2026-12-24T15:00:00Z'))).toBe(
      0,
    );
    // Across the spring change: Friday 16:00 CET to Monday 10:00 CEST.
    expect(berlin.businessTimeBetween(at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'))).toBe(
      2 * hour,
    );
  });

  it('is the inverse of addBusinessTime on random instants', () => {
    const random = createSeededRandom(7);
    const start = at('2026-01-01T00:00:00Z');
    for (let run = 0; run < 200; run++) {
      const from = start + Math.floor(random() * 365 * 24 * hour);
      const duration = Math.floor(random() * 40 * hour);
      const to = berlin.addBusinessTime(from, duration);
      expect(berlin.businessTimeBetween(from, to)).toBe(duration);
    }
  });

  it('refuses malformed instants in businessTimeBetween with invalid_input', () => {
    expect(() => berlin.businessTimeBetween(-1, 0)).toThrow(expect.toSatisfy(invalid));
    expect(() => berlin.businessTimeBetween(0, Number.NaN)).toThrow(expect.toSatisfy(invalid));
  });
});
