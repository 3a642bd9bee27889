import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { InvalidSloError } from '../errors/invalid-slo-error';
import { defineSlo, isSlo, type SloInput } from './define-slo';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('defineSlo', () => {
  it('defaults to a 30-day window and the workbook alerts, with thresholds 14.4, 6 and 1', () => {
    const slo = defineSlo({ name: 'autonomous-actions', objective: 0.999 });
    expect(isSlo(slo)).toBe(true);
    expect(slo.windowMs).toBe(30 * day);
    expect(slo.actionTypes).toBeUndefined();
    expect(slo.alerts.map((alert) => [alert.longWindowMs, alert.shortWindowMs])).toEqual([
      [hour, 5 * minute],
      [6 * hour, 30 * minute],
      [3 * day, 6 * hour],
    ]);
    expect(slo.alerts.map((alert) => alert.burnRate)).toEqual([
      expect.closeTo(14.4, 10),
      expect.closeTo(6, 10),
      expect.closeTo(1, 10),
    ]);
    expect(slo.alerts.map((alert) => alert.budgetConsumed)).toEqual([
      expect.closeTo(0.02, 10),
      expect.closeTo(0.05, 10),
      expect.closeTo(0.1, 10),
    ]);
    expect(slo.alerts.map((alert) => alert.autonomy)).toEqual(['none', 'none', 'reduced']);
  });

  it('scales budget-share alerts with the SLO window', () => {
    const slo = defineSlo({ name: 'weekly', objective: 0.99, window: '7d' });
    // 2% of a 168-hour budget in one hour is a burn rate of 0.02 x 168 = 3.36.
    expect(slo.alerts[0]?.burnRate).toBeCloseTo(3.36, 10);
  });

  it('accepts windowMs, explicit burn-rate thresholds and action types', () => {
    const slo = defineSlo({
      name: 'refunds',
      objective: 0.995,
      windowMs: 7 * day,
      actionTypes: ['refund'],
      alerts: [{ longWindow: '2h', shortWindow: '10m', burnRate: 10, autonomy: 'reduced' }],
    });
    expect(slo.windowMs).toBe(7 * day);
    expect(slo.actionTypes).toEqual(['refund']);
    expect(slo.alerts).toEqual([
      {
        longWindowMs: 2 * hour,
        shortWindowMs: 10 * minute,
        burnRate: 10,
        budgetConsumed: expect.closeTo((10 * 2) / 168, 10),
        autonomy: 'reduced',
      },
    ]);
  });

  it('keeps counters as long as its longest window reads, and a bucket more', () => {
    expect(defineSlo({ name: 'a', objective: 0.9 }).retentionMs).toBe(30 * day + hour);
  });

  it.each<[string, unknown]>([
    ['objective 0', { name: 'x', objective: 0 }],
    ['objective 1', { name: 'x', objective: 1 }],
    ['objective above 1', { name: 'x', objective: 99.9 }],
    ['negative objective', { name: 'x', objective: -0.5 }],
    ['missing name', { objective: 0.9 }],
    ['window and windowMs', { name: 'x', objective: 0.9, window: '1d', windowMs: 1000 }],
    ['empty action types', { name: 'x', objective: 0.9, actionTypes: [] }],
    [
      'both burnRate and budgetConsumed',
      {
        name: 'x',
        objective: 0.9,
        alerts: [{ longWindow: '1h', shortWindow: '5m', burnRate: 2, budgetConsumed: 0.1 }],
      },
    ],
    [
      'neither burnRate nor budgetConsumed',
      { name: 'x', objective: 0.9, alerts: [{ longWindow: '1h', shortWindow: '5m' }] },
    ],
    [
      'a negative burn rate',
      {
        name: 'x',
        objective: 0.9,
        alerts: [{ longWindow: '1h', shortWindow: '5m', burnRate: -1 }],
      },
    ],
    [
      'a long window beyond the SLO window',
      {
        name: 'x',
        objective: 0.9,
        window: '1d',
        alerts: [{ longWindow: '3d', shortWindow: '1h', burnRate: 1 }],
      },
    ],
    [
      'a short window as long as the long one',
      { name: 'x', objective: 0.9, alerts: [{ longWindow: '1h', shortWindow: '1h', burnRate: 2 }] },
    ],
    ['not an object', 'checkout'],
  ])('rejects %s with invalid_slo', (_, input) => {
    const error = catchError(() => defineSlo(input as SloInput));
    expect(GuardloopError.hasCode(error, 'invalid_slo')).toBe(true);
    expect(error).toBeInstanceOf(InvalidSloError);
  });

  it('names the SLO in the error when it can', () => {
    const error = catchError(() => defineSlo({ name: 'checkout', objective: 2 }));
    expect((error as InvalidSloError).slo).toBe('checkout');
    expect((error as InvalidSloError).issues[0]?.path).toBe('objective');
  });

  it.each<[string, unknown]>([
    ['an unknown unit', { name: 'x', objective: 0.9, window: '7x' }],
    ['a zero window', { name: 'x', objective: 0.9, windowMs: 0 }],
    [
      'an unknown alert window',
      { name: 'x', objective: 0.9, alerts: [{ longWindow: '1y', shortWindow: '5m', burnRate: 2 }] },
    ],
  ])('rejects %s with invalid_window', (_, input) => {
    const error = catchError(() => defineSlo(input as SloInput));
    expect(GuardloopError.hasCode(error, 'invalid_window')).toBe(true);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
