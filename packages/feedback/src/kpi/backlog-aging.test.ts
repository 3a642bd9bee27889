import { describe, expect, it } from 'vitest';
import { emptyKpiCounters } from '../schemas/kpi-counters';
import { dayMs } from '../schemas/time-range';
import type { AggregateRow } from '../store/feedback-store';
import { backlogAging, estimatedAge } from './backlog-aging';

const today = Date.UTC(2026, 0, 10);
const row = (day: number, openTickets: number): AggregateRow => ({
  day,
  category: 'c',
  channel: 'e',
  queue: 'q',
  counters: { ...emptyKpiCounters(), openTickets },
});

describe('backlogAging', () => {
  it('estimates ages from day midpoints, and half of today for today', () => {
    expect(estimatedAge(today - dayMs, today)).toBe(dayMs / 2);
    expect(estimatedAge(today, today + 6 * 3_600_000)).toBe(3 * 3_600_000);
    expect(estimatedAge(today, today - 5)).toBe(0);
  });

  it('buckets open tickets by age and weights the mean by count', () => {
    const aging = backlogAging(
      [
        row(today, 2),
        row(today - 2 * dayMs, 1),
        row(today - 5 * dayMs, 1),
        row(today - 30 * dayMs, 1),
        row(today - dayMs, 0),
      ],
      today + dayMs / 2,
    );
    expect(aging.open).toBe(5);
    expect(aging.buckets).toEqual({
      underOneDay: 2,
      oneToThreeDays: 1,
      threeToSevenDays: 1,
      overSevenDays: 1,
    });
    expect(aging.oldestAgeMs).toBe(30 * dayMs);
    const mean = (2 * (dayMs / 4) + 2 * dayMs + 5 * dayMs + 30 * dayMs) / 5;
    expect(aging.meanAgeMs).toBeCloseTo(mean);
  });

  it('reports nothing for an empty backlog', () => {
    expect(backlogAging([], today)).toMatchObject({ open: 0, meanAgeMs: null, oldestAgeMs: null });
  });
});
