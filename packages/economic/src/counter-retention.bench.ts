import { createManualClock, type RailContext } from '@guardloop/core';
import { test } from 'vitest';
import { createCounterPruner } from './counter-pruner';
import { createMemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';
import { defineSlo } from './slo/define-slo';
import { createSloTracker } from './slo/slo-tracker';

// Buckets left by one million events over 30 days (one every 2.6 s) through the SLO tracker
// (default burn-rate alerts) and a 1-minute rate limit (the workload of issue #14), on the memory store:
// without pruning (the baseline) and with createCounterPruner every hour, interleaved day by
// day in the same run. Run: pnpm vitest bench --run --project economic counter-retention

const day = 86_400_000;
const days = 30;
const events = 1_000_000;
const start = Date.UTC(2030, 0, 1);
const context: RailContext = {
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: {
    name: 'reply',
    input: {},
    reversible: true,
    dryRun: false,
  },
};

function setup(prune: boolean) {
  const clock = createManualClock(start);
  const store = createMemoryCounterStore();
  const slo = defineSlo({ name: 'actions', objective: 0.999 });
  const tracker = createSloTracker({ store, clock });
  const rate = rateLimitRail({ store, clock, name: 'actions', limit: 1e12, window: '1m' });
  const pruner = createCounterPruner({ store, clock, interval: '1h' });
  if (prune) pruner.start();
  let next = 0;
  let most = 0;
  /** Runs the events of day `index`; resolves with the time it took (ms). */
  const runDay = async (index: number) => {
    const began = performance.now();
    const end = Math.round(((index + 1) * events) / days);
    for (; next < end; next++) {
      clock.set(start + Math.floor((next * days * day) / events));
      const options = { abortSignal: new AbortController().signal };
      await rate.evaluate(context, options);
      await tracker.record(slo, next % 2_500 === 0 ? { bad: 1 } : { good: 1 });
      if (next % 1_000 === 0) most = Math.max(most, store.bucketCount());
    }
    return performance.now() - began;
  };
  return { store, tracker, slo, pruner, runDay, most: () => most };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

// Two million rail evaluations and SLO records in all: minutes on a shared machine.
test('buckets after one million events over 30 days', { timeout: 900_000 }, async () => {
  const baseline = setup(false);
  const pruned = setup(true);
  const ratios: number[] = [];
  for (let index = 0; index < days; index++) {
    // Every other day in reverse order, so neither run always goes first.
    const [first, second] = index % 2 === 0 ? [baseline, pruned] : [pruned, baseline];
    const firstMs = await first.runDay(index);
    const secondMs = await second.runDay(index);
    const [baselineMs, prunedMs] = first === baseline ? [firstMs, secondMs] : [secondMs, firstMs];
    ratios.push(prunedMs / baselineMs);
  }
  pruned.pruner.stop();
  const [kept, status] = [baseline.store.bucketCount(), await pruned.tracker.status(pruned.slo)];
  const left = pruned.store.bucketCount();
  const reference = await baseline.tracker.status(baseline.slo);
  if (JSON.stringify(status) !== JSON.stringify(reference) || status.window.total !== events) {
    throw new Error('Pruning changed what the SLO reads.');
  }
  console.log(
    [
      `${events} events over ${days} days, memory store`,
      `  no pruning (baseline): ${kept} buckets`,
      `  pruned hourly: ${left} buckets at the end (${(left / kept).toFixed(4)}x), at most ${pruned.most()} seen (sampled every 1,000 events)`,
      `  time per day of events, pruned / baseline (median of ${days} paired days): ${median(ratios).toFixed(2)}x`,
    ].join('\n'),
  );
});
