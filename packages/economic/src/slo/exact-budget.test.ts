import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../memory-counter-store';
import { type BurnRateAlertInput, burnRate, burnRateForBudgetConsumed } from './burn-rate';
import { defineSlo } from './define-slo';
import { evaluateSloStatus } from './evaluate-slo-status';
import { sloPlan } from './read-slo-windows';
import type { SloWindowReading } from './slo-status';
import { createSloTracker } from './slo-tracker';

const hour = 3_600_000;

async function statusAfter(
  objective: number,
  good: number,
  bad: number,
  alerts?: BurnRateAlertInput[],
) {
  const clock = createManualClock(Date.UTC(2030, 0, 1));
  const tracker = createSloTracker({ store: createMemoryCounterStore(), clock });
  const slo = defineSlo({ name: 'exact', objective, ...(alerts ? { alerts } : {}) });
  await tracker.record(slo, { good, bad });
  return tracker.status(slo);
}

describe('error budgets and burn rates at their limits', () => {
  it.each([
    [0.9, 9],
    [0.95, 19],
    [0.99, 99],
    [0.995, 199],
    [0.999, 999],
    [0.9999, 9_999],
  ])(
    'exhausts a %d budget with %d good and 1 bad event, and drops autonomy to none',
    async (objective, good) => {
      const status = await statusAfter(objective, good, 1);
      expect(status).toMatchObject({ budgetRemaining: 0, exhausted: true, autonomy: 'none' });
      expect(status.burnRates['30d']).toBe(1);
      // One more good event and the budget holds.
      const within = await statusAfter(objective, good + 1, 1);
      expect(within.exhausted).toBe(false);
      expect(within.budgetRemaining).toBeGreaterThan(0);
    },
  );

  it('does not fire an alert burning exactly at its threshold, only faster', async () => {
    const alerts: BurnRateAlertInput[] = [
      { longWindow: '1h', shortWindow: '5m', burnRate: 0.5, autonomy: 'reduced' },
    ];
    // 1 bad in 20 is an error ratio of 0.05: exactly half the 0.1 that 0.9 allows.
    const at = await statusAfter(0.9, 19, 1, alerts);
    expect(at.burnRates['1h']).toBe(0.5);
    expect(at.alerts[0]?.firing).toBe(false);
    expect(at.autonomy).toBe('full');
    const faster = await statusAfter(0.9, 18, 1, alerts);
    expect(faster.alerts[0]?.firing).toBe(true);
  });

  it('does not fire the 3d/6h alert (threshold 1) at a burn rate of exactly 1', async () => {
    const status = await statusAfter(0.9, 9, 1);
    expect(
      status.alerts.map((alert) => [alert.threshold, alert.longBurnRate, alert.firing]),
    ).toEqual([
      [14.4, 1, false],
      [6, 1, false],
      [1, 1, false],
    ]);
  });

  it('computes the published helpers on the decimals as written', () => {
    expect(burnRate({ errorRatio: 0.1, objective: 0.9 })).toBe(1);
    expect(burnRate({ errorRatio: 0.01, objective: 0.99 })).toBe(1);
    expect(burnRate({ errorRatio: 0.05, objective: 0.9 })).toBe(0.5);
    const thirtyDays = 720 * hour;
    expect(
      burnRateForBudgetConsumed({ budgetConsumed: 0.02, windowMs: hour, sloWindowMs: thirtyDays }),
    ).toBe(14.4);
    expect(
      burnRateForBudgetConsumed({
        budgetConsumed: 0.05,
        windowMs: 6 * hour,
        sloWindowMs: thirtyDays,
      }),
    ).toBe(6);
    expect(
      burnRateForBudgetConsumed({
        budgetConsumed: 0.1,
        windowMs: 72 * hour,
        sloWindowMs: thirtyDays,
      }),
    ).toBe(1);
  });
});

/** A small deterministic PRNG (mulberry32): the property test is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

/** An exact decimal `digits / 10^places` and the number it is written as. */
interface Decimal {
  numerator: bigint;
  denominator: bigint;
  value: number;
}
const decimalOf = (digits: bigint, places: number): Decimal => {
  const denominator = 10n ** BigInt(places);
  const text = `${digits / denominator}.${(digits % denominator).toString().padStart(places, '0')}`;
  return { numerator: digits, denominator, value: Number(text) };
};

describe('error budgets and burn rates against a BigInt reference', () => {
  const named = [
    [9n, 1],
    [95n, 2],
    [99n, 2],
    [995n, 3],
    [999n, 3],
    [9_999n, 4],
    [99_999n, 5],
    [999_999n, 6],
    [3n, 1],
    [123_456_789n, 9],
  ] as const;

  it('decides exhaustion and every alert exactly as integer arithmetic does', () => {
    const rng = random(20_301_231);
    const windows = ['5m', '30m', '1h', '6h', '3d'] as const;
    let boundaryCases = 0;
    for (let round = 0; round < 400; round++) {
      const [objectiveDigits, objectivePlaces] =
        round < named.length * 20
          ? (named[round % named.length] ?? named[0])
          : ([BigInt(1 + rng.int(999_998)), 6] as const);
      const objective = decimalOf(objectiveDigits, objectivePlaces);
      if (objective.value <= 0 || objective.value >= 1) continue;
      // Allowed bad events per event, exactly: (q - p) / q.
      const allowedNumerator = objective.denominator - objective.numerator;
      const q = objective.denominator;
      // One alert per round, given as a burn rate or as a share of the budget.
      const longIndex = 2 + rng.int(3);
      const longWindow = windows[longIndex] ?? '1h';
      const shortWindow = windows[rng.int(longIndex)] ?? '5m';
      const longMs = {
        '5m': 300_000,
        '30m': 1_800_000,
        '1h': hour,
        '6h': 6 * hour,
        '3d': 72 * hour,
      }[longWindow];
      const sloMs = 720 * hour;
      let threshold: { numerator: bigint; denominator: bigint };
      let alert: BurnRateAlertInput;
      if (rng.next() < 0.5) {
        const rate = decimalOf(BigInt(1 + rng.int(20_000)), 3);
        threshold = rate;
        alert = { longWindow, shortWindow, burnRate: rate.value };
      } else {
        const share = decimalOf(BigInt(1 + rng.int(999)), 3);
        threshold = {
          numerator: share.numerator * BigInt(sloMs),
          denominator: share.denominator * BigInt(longMs),
        };
        alert = { longWindow, shortWindow, budgetConsumed: share.value };
      }
      const slo = defineSlo({ name: 'property', objective: objective.value, alerts: [alert] });
      // Counts per window: random, or placed exactly at (or one event off) a limit.
      const counts = (limitNumerator: bigint, limitDenominator: bigint) => {
        // bad / total == limit  <=>  bad * limitDenominator == total * limitNumerator
        if (rng.next() < 0.6 && limitNumerator <= limitDenominator) {
          const scale = BigInt(1 + rng.int(50));
          const total = limitDenominator * scale;
          const bad = limitNumerator * scale + BigInt(rng.int(3) - 1);
          if (bad >= 0n && bad <= total && total < 2n ** 50n) {
            boundaryCases++;
            return { good: Number(total - bad), bad: Number(bad) };
          }
        }
        const total = 1 + rng.int(1_000_000);
        const bad = rng.int(Math.min(total, 1 + rng.int(total + 1)) + 1);
        return { good: total - bad, bad };
      };
      // The error ratio at which a window burns at exactly the threshold: threshold * (q - p) / q.
      const atThreshold = [
        threshold.numerator * allowedNumerator,
        threshold.denominator * q,
      ] as const;
      const readings: SloWindowReading[] = sloPlan(slo).windows.map(({ windowMs, label }) => {
        const { good, bad } =
          windowMs === slo.windowMs ? counts(allowedNumerator, q) : counts(...atThreshold);
        const total = good + bad;
        return {
          window: label,
          windowMs,
          good,
          bad,
          total,
          errorRatio: total ? bad / total : 0,
          burnRate: 0,
        };
      });
      const status = evaluateSloStatus(slo, readings, 0);
      const of = (windowMs: number) => readings.find((entry) => entry.windowMs === windowMs);
      const whole = of(slo.windowMs);
      if (!whole) throw new Error('no SLO window reading');
      // Exhausted <=> bad / total >= (q - p) / q, with at least one event.
      const exhausted =
        whole.total > 0 && BigInt(whole.bad) * q >= BigInt(whole.total) * allowedNumerator;
      // Burning faster <=> (bad / total) / ((q - p) / q) > threshold.
      const faster = (entry: SloWindowReading | undefined) =>
        entry !== undefined &&
        entry.total > 0 &&
        BigInt(entry.bad) * q * threshold.denominator >
          threshold.numerator * BigInt(entry.total) * allowedNumerator;
      const resolved = slo.alerts[0];
      const firing =
        resolved !== undefined &&
        faster(of(resolved.longWindowMs)) &&
        faster(of(resolved.shortWindowMs));
      expect({
        round,
        objective: objective.value,
        alert,
        exhausted: status.exhausted,
        firing: status.alerts[0]?.firing,
      }).toEqual({
        round,
        objective: objective.value,
        alert,
        exhausted,
        firing,
      });
      expect(status.budgetRemaining <= 0).toBe(exhausted);
    }
    expect(boundaryCases).toBeGreaterThan(200);
  });
});
