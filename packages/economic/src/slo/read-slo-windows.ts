import type { CounterStore, CounterStoreCallOptions } from '../counter-store';
import { ratioToNumber } from '../exact-ratio';
import { trailingRange } from '../window/bucket-range';
import { formatWindow } from '../window/window';
import type { Slo } from './define-slo';
import { exactBurnRate } from './exact-burn';
import type { SloCounterKey } from './slo-counter-keys';
import { bucketMsForWindow } from './slo-resolution';
import type { SloWindowReading } from './slo-status';

interface SloPlan {
  /**
   * Bucket sizes the SLO records into, one per resolution its windows need, each with how long
   * its buckets are kept: the longest window read at that size, plus one bucket for clocks a
   * little apart (a 6h window at 1m keeps 361 one-minute buckets, not 30 days of them).
   */
  buckets: Array<{ bucketMs: number; retainMs: number }>;
  /** Every distinct window to read, longest first, with the bucket size it is read at. */
  windows: Array<{ windowMs: number; bucketMs: number; label: string }>;
}

const plans = new WeakMap<Slo, SloPlan>();

/** Which windows an SLO reads and which bucket sizes it writes; computed once per SLO. */
export function sloPlan(slo: Slo): SloPlan {
  let plan = plans.get(slo);
  if (!plan) {
    // Longest window read per bucket size.
    const longest = new Map<number, number>();
    const windowSizes = new Set([slo.windowMs]);
    for (const alert of slo.alerts) windowSizes.add(alert.longWindowMs).add(alert.shortWindowMs);
    const windows = [...windowSizes]
      .sort((left, right) => right - left)
      .map((windowMs) => {
        const bucketMs = bucketMsForWindow(windowMs);
        longest.set(bucketMs, Math.max(longest.get(bucketMs) ?? 0, windowMs));
        return { windowMs, bucketMs, label: formatWindow(windowMs) };
      });
    const buckets = [...longest].map(([bucketMs, windowMs]) => ({
      bucketMs,
      retainMs: (Math.ceil(windowMs / bucketMs) + 1) * bucketMs,
    }));
    plan = { buckets, windows };
    plans.set(slo, plan);
  }
  return plan;
}

/** Good and bad counts, error ratio and burn rate of every window of an SLO, ending at `at`. */
export async function readSloWindows({
  store,
  slo,
  at,
  key,
  options,
}: {
  store: CounterStore;
  slo: Slo;
  at: number;
  key: SloCounterKey;
  options: CounterStoreCallOptions;
}): Promise<SloWindowReading[]> {
  const { windows } = sloPlan(slo);
  // Every sum in one flat `Promise.all` (good, bad, good, bad...): the rail reads these on each
  // decision, and an async closure plus a `Promise.all` per window cost more than the sums.
  const sums: Promise<number>[] = [];
  for (const { windowMs, bucketMs } of windows) {
    const { from, to } = trailingRange(at, windowMs, bucketMs);
    sums.push(store.sum(key('good', bucketMs), from, to, options));
    sums.push(store.sum(key('bad', bucketMs), from, to, options));
  }
  const counts = await Promise.all(sums);
  const readings: SloWindowReading[] = [];
  for (let index = 0; index < windows.length; index++) {
    const { windowMs, label } = windows[index] as SloPlan['windows'][number];
    const good = counts[2 * index] as number;
    const bad = counts[2 * index + 1] as number;
    const total = good + bad;
    readings.push({
      window: label,
      windowMs,
      good,
      bad,
      total,
      errorRatio: total === 0 ? 0 : bad / total,
      burnRate: ratioToNumber(exactBurnRate({ good, bad, objective: slo.objective })),
    });
  }
  return readings;
}
