import { createManualClock, GuardloopError } from '@guardloop/core';
import { type SloTrafficOptions, simulateSloTraffic } from '@guardloop/economic/test';
import { describe, expect, it } from 'vitest';
import { createCounterPruner } from '../counter-pruner';
import { createMemoryCounterStore } from '../memory-counter-store';
import { defineSlo, type Slo } from './define-slo';
import { createSloTracker } from './slo-tracker';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.UTC(2030, 0, 1);

function setup(slo: Slo = defineSlo({ name: 'autonomous-actions', objective: 0.999 })) {
  const clock = createManualClock(start);
  const store = createMemoryCounterStore();
  const tracker = createSloTracker({ store, clock });
  return { clock, store, tracker, slo };
}

type Context = ReturnType<typeof setup>;
type Traffic = Omit<SloTrafficOptions, 'tracker' | 'slo' | 'clock'>;
const traffic = (context: Context, options: Traffic) =>
  simulateSloTraffic({ ...context, ...options });

describe('createSloTracker', () => {
  it('reports a fresh SLO as untouched, with full autonomy', async () => {
    const { tracker, slo } = setup();
    const status = await tracker.status(slo);
    expect(status).toMatchObject({
      slo: 'autonomous-actions',
      objective: 0.999,
      at: start,
      budgetRemaining: 1,
      exhausted: false,
      autonomy: 'full',
    });
    expect(status.burnRates).toEqual({ '30d': 0, '3d': 0, '6h': 0, '1h': 0, '30m': 0, '5m': 0 });
    expect(status.alerts.every((alert) => !alert.firing)).toBe(true);
  });

  it.each([
    [0.001, 1],
    [0.01, 10],
    [0.0144, 14.4],
    [0.0005, 0.5],
  ])(
    'turns traffic at an error ratio of %d into a burn rate of %d in every window',
    async (ratio, expected) => {
      const context = setup();
      await traffic(context, {
        durationMs: 7 * hour,
        stepMs: minute,
        perStep: 10_000,
        bad: ratio * 10_000,
      });
      const status = await context.tracker.status(context.slo);
      for (const window of ['5m', '30m', '1h', '6h', '3d', '30d']) {
        expect(status.burnRates[window]).toBeCloseTo(expected, 6);
      }
      expect(status.window.errorRatio).toBeCloseTo(ratio, 10);
    },
  );

  it.each([
    // burn rate, duration, bad events per 10,000, expected share of the budget spent
    ['14.4x for 1h spends 2%', hour, 144, 0.02],
    ['6x for 6h spends 5%', 6 * hour, 60, 0.05],
    ['1x for 3 days spends 10%', 3 * day, 10, 0.1],
  ])('a 30-day budget: %s', async (_, burnMs, badPerTenThousand, consumed) => {
    const context = setup();
    // Clean history fills the rest of the 30 days, one hour at a time; the burn runs per minute.
    await traffic(context, {
      durationMs: 30 * day - burnMs,
      stepMs: hour,
      perStep: 600_000,
      bad: 0,
    });
    await traffic(context, {
      durationMs: burnMs - minute,
      stepMs: minute,
      perStep: 10_000,
      bad: badPerTenThousand,
    });
    await context.tracker.record(context.slo, {
      good: 10_000 - badPerTenThousand,
      bad: badPerTenThousand,
    });
    const status = await context.tracker.status(context.slo);
    expect(status.window.total).toBe(30 * 24 * 600_000);
    expect(1 - status.budgetRemaining).toBeCloseTo(consumed, 10);
  });

  it('fires an alert only when both its long and its short window burn past the threshold', async () => {
    const context = setup();
    await traffic(context, { durationMs: 3 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    // 55 minutes at 20x, then 5 clean minutes: the hour still burns at ~18x, the last 5 minutes do not.
    await traffic(context, { durationMs: 55 * minute, stepMs: minute, perStep: 10_000, bad: 200 });
    await traffic(context, { durationMs: 5 * minute, stepMs: minute, perStep: 10_000, bad: 0 });
    let status = await context.tracker.status(context.slo);
    const fast = () => status.alerts[0];
    expect(fast()?.longBurnRate).toBeGreaterThan(14.4);
    expect(fast()?.shortBurnRate).toBe(0);
    expect(fast()?.firing).toBe(false);
    expect(status.autonomy).toBe('full');

    // A short window burning alone (a blip) does not fire either.
    const blip = setup();
    await traffic(blip, { durationMs: 3 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    await traffic(blip, { durationMs: hour, stepMs: minute, perStep: 10_000, bad: 0 });
    await traffic(blip, { durationMs: 2 * minute, stepMs: minute, perStep: 10_000, bad: 500 });
    status = await blip.tracker.status(blip.slo);
    expect(status.alerts[0]?.shortBurnRate).toBeGreaterThan(14.4);
    expect(status.alerts[0]?.longBurnRate).toBeLessThan(14.4);
    expect(status.alerts[0]?.firing).toBe(false);

    // Both burning: the page fires and autonomy drops to none.
    await traffic(context, { durationMs: 10 * minute, stepMs: minute, perStep: 10_000, bad: 200 });
    status = await context.tracker.status(context.slo);
    expect(fast()).toMatchObject({
      longWindow: '1h',
      shortWindow: '5m',
      firing: true,
      autonomy: 'none',
    });
    expect(fast()?.threshold).toBeCloseTo(14.4, 10);
    expect(status.autonomy).toBe('none');
  });

  it('lowers autonomy to reduced for a slow burn caught by the 3-day alert', async () => {
    const context = setup();
    await traffic(context, { durationMs: 26 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    await traffic(context, { durationMs: 4 * day, stepMs: hour, perStep: 600_000, bad: 900 });
    const status = await context.tracker.status(context.slo);
    expect(status.burnRates['3d']).toBeCloseTo(1.5, 6);
    expect(status.burnRates['6h']).toBeCloseTo(1.5, 6);
    expect(status.budgetRemaining).toBeGreaterThan(0.75);
    expect(status.exhausted).toBe(false);
    expect(status.alerts.map((alert) => alert.firing)).toEqual([false, false, true]);
    expect(status.autonomy).toBe('reduced');
  });

  it('marks an exhausted budget, which drops autonomy to none even without a fast burn', async () => {
    const context = setup();
    await traffic(context, { durationMs: 29 * day, stepMs: hour, perStep: 600_000, bad: 660 });
    const status = await context.tracker.status(context.slo);
    expect(status.burnRates['3d']).toBeCloseTo(1.1, 6);
    expect(status.alerts.map((alert) => alert.firing)).toEqual([false, false, true]);
    expect(status.budgetRemaining).toBeLessThan(0);
    expect(status.exhausted).toBe(true);
    expect(status.autonomy).toBe('none');
  });

  it('rolls windows over days: old errors leave each window in turn and the budget comes back', async () => {
    const context = setup();
    await traffic(context, { durationMs: 2 * hour, stepMs: minute, perStep: 10_000, bad: 100 });
    await traffic(context, { durationMs: 2 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    let status = await context.tracker.status(context.slo);
    expect(status.burnRates['1h']).toBe(0);
    expect(status.burnRates['6h']).toBe(0);
    expect(status.burnRates['3d']).toBeGreaterThan(0);
    const budgetAfterTwoDays = status.budgetRemaining;
    expect(budgetAfterTwoDays).toBeLessThan(1);

    await traffic(context, { durationMs: 2 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    status = await context.tracker.status(context.slo);
    expect(status.burnRates['3d']).toBe(0);
    expect(status.window.bad).toBe(12_000);

    await traffic(context, { durationMs: 27 * day, stepMs: hour, perStep: 600_000, bad: 0 });
    status = await context.tracker.status(context.slo);
    expect(status.window.bad).toBe(0);
    expect(status.budgetRemaining).toBe(1);
  });

  it('ignores alerts on windows with fewer events than minimumEvents', async () => {
    const context = setup(defineSlo({ name: 'quiet', objective: 0.999, minimumEvents: 10 }));
    await context.tracker.record(context.slo, { bad: 1 });
    const status = await context.tracker.status(context.slo);
    expect(status.burnRates['5m']).toBeCloseTo(1000, 6);
    expect(status.alerts.every((alert) => !alert.firing)).toBe(true);
    expect(status.exhausted).toBe(false);
    expect(status.autonomy).toBe('full');
  });

  it('counts only the action types of a restricted SLO', async () => {
    const context = setup(defineSlo({ name: 'refunds', objective: 0.99, actionTypes: ['refund'] }));
    expect(await context.tracker.record(context.slo, { bad: 1, actionType: 'refund' })).toBe(true);
    expect(await context.tracker.record(context.slo, { bad: 1, actionType: 'reply' })).toBe(false);
    expect(await context.tracker.record(context.slo, { bad: 1 })).toBe(false);
    expect((await context.tracker.status(context.slo)).window.bad).toBe(1);
  });

  it('keeps SLOs apart, and key prefixes apart in a shared store', async () => {
    const context = setup();
    const other = defineSlo({ name: 'other', objective: 0.9 });
    const prefixed = createSloTracker({
      store: context.store,
      clock: context.clock,
      keyPrefix: 'app2:',
    });
    await context.tracker.record(context.slo, { bad: 3 });
    expect((await context.tracker.status(other)).window.total).toBe(0);
    expect((await prefixed.status(context.slo)).window.total).toBe(0);
  });

  it('keeps memory bounded by time, not by traffic, when pruned', async () => {
    const counts: number[] = [];
    for (const perStep of [1, 1_000_000]) {
      const context = setup();
      const pruner = createCounterPruner({ store: context.store, clock: context.clock });
      pruner.start();
      await traffic(context, { durationMs: 45 * day, stepMs: 10 * minute, perStep, bad: 0 });
      const afterFortyFiveDays = context.store.bucketCount();
      await traffic(context, { durationMs: 45 * day, stepMs: 10 * minute, perStep, bad: 0 });
      expect(context.store.bucketCount()).toBe(afterFortyFiveDays);
      pruner.stop();
      counts.push(afterFortyFiveDays);
    }
    expect(counts[0]).toBe(counts[1]);
    // One good counter per resolution, each kept for the longest window read at it (6 hours of
    // minutes, 30 days of hours), plus a bucket of margin and an hour between prunes.
    const bound = (6 * hour + minute + hour) / (10 * minute) + (30 * day + 2 * hour) / hour + 2;
    expect(counts[0]).toBeLessThanOrEqual(bound);
  });

  it('rejects a value not made by defineSlo with invalid_slo', async () => {
    const { tracker } = setup();
    const fake = { name: 'x', objective: 0.9 } as unknown as Slo;
    await expect(tracker.record(fake, { good: 1 })).rejects.toSatisfy((error) =>
      GuardloopError.hasCode(error, 'invalid_slo'),
    );
    await expect(tracker.status(fake)).rejects.toSatisfy((error) =>
      GuardloopError.hasCode(error, 'invalid_slo'),
    );
  });

  it.each([{}, { good: 0, bad: 0 }, { good: -1 }, { bad: 1.5 }, { good: 1, actionType: '' }])(
    'rejects the malformed event %j with invalid_input',
    async (event) => {
      const { tracker, slo } = setup();
      await expect(tracker.record(slo, event)).rejects.toSatisfy((error) =>
        GuardloopError.hasCode(error, 'invalid_input'),
      );
    },
  );

  it('rejects with the abort reason when aborted', async () => {
    const { tracker, slo } = setup();
    const reason = new Error('stop');
    const abortSignal = AbortSignal.abort(reason);
    await expect(tracker.record(slo, { good: 1 }, { abortSignal })).rejects.toBe(reason);
    await expect(tracker.status(slo, { abortSignal })).rejects.toBe(reason);
    expect((await tracker.status(slo)).window.total).toBe(0);
  });
});
