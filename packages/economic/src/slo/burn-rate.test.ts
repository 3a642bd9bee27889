import { describe, expect, it } from 'vitest';
import {
  budgetConsumedByBurn,
  burnRate,
  burnRateForBudgetConsumed,
  defaultBurnRateAlerts,
} from './burn-rate';

const hour = 3_600_000;
const thirtyDays = 720 * hour;

describe('burn rates (Google SRE Workbook, "Alerting on SLOs")', () => {
  it('divides the error ratio by the ratio the objective allows', () => {
    expect(burnRate({ errorRatio: 0.001, objective: 0.999 })).toBeCloseTo(1, 10);
    expect(burnRate({ errorRatio: 0.01, objective: 0.999 })).toBeCloseTo(10, 10);
    expect(burnRate({ errorRatio: 0, objective: 0.999 })).toBe(0);
  });

  it('gives the published thresholds for a 30-day SLO', () => {
    const threshold = (budgetConsumed: number, windowMs: number) =>
      burnRateForBudgetConsumed({ budgetConsumed, windowMs, sloWindowMs: thirtyDays });
    expect(threshold(0.02, hour)).toBeCloseTo(14.4, 10);
    expect(threshold(0.05, 6 * hour)).toBeCloseTo(6, 10);
    expect(threshold(0.1, 72 * hour)).toBeCloseTo(1, 10);
  });

  it('gives the published budget shares: 14.4 x 1h / 720h = 2%, 6 x 6h / 720h = 5%, 1 x 72h / 720h = 10%', () => {
    const consumed = (rate: number, windowMs: number) =>
      budgetConsumedByBurn({ burnRate: rate, windowMs, sloWindowMs: thirtyDays });
    expect(consumed(14.4, hour)).toBeCloseTo(0.02, 10);
    expect(consumed(6, 6 * hour)).toBeCloseTo(0.05, 10);
    expect(consumed(1, 72 * hour)).toBeCloseTo(0.1, 10);
  });

  it('defaults to the three workbook policies: two that page, one that opens a ticket', () => {
    expect(defaultBurnRateAlerts).toEqual([
      { longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02, autonomy: 'none' },
      { longWindow: '6h', shortWindow: '30m', budgetConsumed: 0.05, autonomy: 'none' },
      { longWindow: '3d', shortWindow: '6h', budgetConsumed: 0.1, autonomy: 'reduced' },
    ]);
  });
});
