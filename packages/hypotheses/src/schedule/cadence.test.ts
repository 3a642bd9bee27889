import { describe, expect, it } from 'vitest';
import { cadenceSchema, periodOf } from './cadence';

const at = (iso: string) => Date.parse(iso);

describe('periodOf', () => {
  it('aligns daily, weekly (Monday) and monthly periods to UTC starts', () => {
    const now = at('2026-12-02T15:30:00Z'); // a Wednesday
    expect(periodOf({ every: 'day' }, now)).toEqual({
      key: '2026-12-02T00:00:00.000Z',
      start: at('2026-12-02T00:00:00Z'),
      end: at('2026-12-03T00:00:00Z'),
    });
    expect(periodOf({ every: 'week' }, now)).toMatchObject({
      key: '2026-11-30T00:00:00.000Z',
      end: at('2026-12-07T00:00:00Z'),
    });
    expect(periodOf({ every: 'month' }, now)).toMatchObject({
      key: '2026-12-01T00:00:00.000Z',
      end: at('2027-01-01T00:00:00Z'),
    });
    expect(periodOf({ every: 'month' }, at('2027-12-31T23:59:59.999Z')).end).toBe(
      at('2028-01-01T00:00:00Z'),
    );
    // Sunday belongs to the week that started the Monday before.
    expect(periodOf({ every: 'week' }, at('2026-12-06T23:00:00Z')).key).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('aligns every-N-ms periods to the epoch', () => {
    expect(periodOf({ everyMs: 3_600_000 }, at('2026-12-02T15:30:00Z'))).toEqual({
      key: '2026-12-02T15:00:00.000Z',
      start: at('2026-12-02T15:00:00Z'),
      end: at('2026-12-02T16:00:00Z'),
    });
  });

  it('starts periods at local midnight in a time zone, across DST changes', () => {
    const berlin = { every: 'day', timeZone: 'Europe/Berlin' } as const;
    expect(periodOf(berlin, at('2026-12-02T23:30:00Z')).key).toBe('2026-12-02T23:00:00.000Z');
    expect(periodOf(berlin, at('2026-12-02T22:30:00Z')).key).toBe('2026-12-01T23:00:00.000Z');
    // 29 March 2026: clocks go forward, so the day is 23 hours long.
    const spring = periodOf(berlin, at('2026-03-29T12:00:00Z'));
    expect(spring).toMatchObject({
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
    const month = periodOf(
      { every: 'month', timeZone: 'America/New_York' },
      at('2026-07-01T02:00:00Z'),
    );
    expect(month).toMatchObject({
      start: at('2026-06-01T04:00:00Z'),
      end: at('2026-07-01T04:00:00Z'),
    });
  });

  it('puts every instant in exactly one period, periods back to back', () => {
    for (const cadence of [
      { every: 'day', timeZone: 'Europe/Berlin' },
      { every: 'week', timeZone: 'America/New_York' },
      { every: 'month' },
    ] as const) {
      let period = periodOf(cadence, at('2026-01-01T00:00:00Z'));
      for (let index = 0; index < 60; index += 1) {
        const next = periodOf(cadence, period.end);
        expect(next.start).toBe(period.end);
        expect(periodOf(cadence, period.end - 1).key).toBe(period.key);
        period = next;
      }
    }
  });

  it('validates cadences', () => {
    expect(cadenceSchema.safeParse({ every: 'day', timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(cadenceSchema.safeParse({ every: 'hour' }).success).toBe(false);
    expect(cadenceSchema.safeParse({ everyMs: 10 }).success).toBe(false);
    expect(cadenceSchema.safeParse({ everyMs: 60_000 }).success).toBe(true);
  });
});
