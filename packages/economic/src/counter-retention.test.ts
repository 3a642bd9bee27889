import { createManualClock, type RailContext, type RailVerdict } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { answeredUnderEngine } from './answered-under-engine.fixture';
import { costBudgetRail } from './budget/cost-budget-rail';
import { createCostMeter } from './budget/cost-meter';
import { createCounterPruner } from './counter-pruner';
import type { CounterStore } from './counter-store';
import { createMemoryCounterStore, type MemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';
import { defineSlo } from './slo/define-slo';
import { createSloTracker } from './slo/slo-tracker';

const second = 1_000;
const minute = 60_000;
const hour = 3_600_000;
const start = Date.UTC(2030, 0, 1);
const context: RailContext = {
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: {
    name: 'reply',
    input: {},
    reversible: true,
    dryRun: false,
    cost: { tokens: 1, usd: 0.001 },
  },
};

/** One event every 5 s through an SLO, a 1-minute rate limit and a daily cost budget. */
async function run({ prune, durationMs }: { prune: boolean; durationMs: number }) {
  const clock = createManualClock(start);
  const store: MemoryCounterStore = createMemoryCounterStore();
  const slo = defineSlo({ name: 'actions', objective: 0.99 });
  const tracker = createSloTracker({ store, clock });
  const rate = rateLimitRail({ store, clock, name: 'actions', limit: 10, window: '1m' });
  const cost = costBudgetRail({
    meter: createCostMeter({
      store,
      clock,
      budgets: [{ name: 'daily', scope: ['tenant'], tokens: 1e9, usd: 1e6 }],
    }),
  });
  const pruner = createCounterPruner({ store, clock, interval: '1h' });
  if (prune) pruner.start();
  const verdicts: RailVerdict['verdict'][] = [];
  const statuses: string[] = [];
  let mostBuckets = 0;
  for (let at = 0; at < durationMs; at += 5 * second) {
    clock.set(start + at);
    const options = { abortSignal: new AbortController().signal };
    verdicts.push((await rate.evaluate(context, options)).verdict);
    await cost.evaluate(context, options);
    await tracker.record(slo, at % (7 * minute) === 0 ? { bad: 1 } : { good: 1 });
    if (at % (10 * minute) === 0) statuses.push(JSON.stringify(await tracker.status(slo)));
    mostBuckets = Math.max(mostBuckets, store.bucketCount());
  }
  pruner.stop();
  return {
    verdicts,
    statuses,
    mostBuckets,
    buckets: store.bucketCount(),
    afterPrune: await pruner.prune(),
  };
}

describe('counter retention', () => {
  it('keeps buckets bounded by the windows read, and pruning changes no reading', async () => {
    const durationMs = 8 * hour;
    const [pruned, kept] = await Promise.all([
      run({ prune: true, durationMs }),
      run({ prune: false, durationMs }),
    ]);
    expect(pruned.statuses).toEqual(kept.statuses);
    expect(pruned.verdicts).toEqual(kept.verdicts);
    expect(pruned.verdicts.filter((outcome) => outcome === 'deny').length).toBeGreaterThan(500);
    // Unpruned: nearly every 6-second bucket of the rate limit and every minute of the SLO.
    expect(kept.buckets).toBeGreaterThan(8 * 60 + 8 * 300);
    // Pruned hourly: the rate limit keeps 11 buckets (+ 600 written between prunes), the SLO's
    // minutes 361 per kind (+ 60), its hours 9 per kind, the budget 2 days per dimension.
    const bound = 11 + 600 + 2 * (361 + 60) + 2 * 9 + 2 * 2;
    expect(pruned.mostBuckets).toBeLessThanOrEqual(bound);
    expect(pruned.buckets - pruned.afterPrune).toBeLessThanOrEqual(11 + 2 * 361 + 2 * 9 + 2 * 2);
  });
});

/** A memory store that records the key and `retainMs` of every write. */
function recordingStore() {
  const store = createMemoryCounterStore();
  const writes = new Map<string, number | undefined>();
  const recording: CounterStore = {
    ...store,
    increment: (key, bucketStart, amount, options) => {
      writes.set(`${key}${amount < 0 ? ' (give back)' : ''}`, options?.retainMs);
      return store.increment(key, bucketStart, amount, options);
    },
    incrementIfWithin: (key, bucketStart, amount, window, options) => {
      writes.set(key, options?.retainMs);
      return store.incrementIfWithin(key, bucketStart, amount, window, options);
    },
  };
  return { store: recording, writes };
}

describe('retention of each writer', () => {
  it('is the longest window that reads the bucket, plus one bucket', async () => {
    const clock = createManualClock(start);
    const { store, writes } = recordingStore();
    const slo = defineSlo({ name: 'actions', objective: 0.99 });
    await createSloTracker({ store, clock }).record(slo, { good: 1, bad: 1 });
    const meter = createCostMeter({
      store,
      clock,
      budgets: [{ name: 'daily', scope: ['tenant'], usd: 1 }],
    });
    const held = [
      await answeredUnderEngine(costBudgetRail({ meter }), context),
      await answeredUnderEngine(
        rateLimitRail({ store, clock, name: 'actions', limit: 5, window: '1m' }),
        context,
      ),
    ];
    // The engine dropping the verdicts gives back the slot and the charge, with the same retention.
    for (const { drop } of held) await drop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(Object.fromEntries(writes)).toEqual({
      // The 6h alert window is the longest read at 1 minute; 30 days at 1 hour.
      'slo:actions:good:1m': 361 * minute,
      'slo:actions:bad:1m': 361 * minute,
      'slo:actions:good:1h': 721 * hour,
      'slo:actions:bad:1h': 721 * hour,
      'cost:daily:usd:tenant=acme': 2 * 24 * hour,
      'cost:daily:usd:tenant=acme (give back)': 2 * 24 * hour,
      'rate:actions:actor=agent,actionType=reply': 11 * 6 * second,
      'rate:actions:actor=agent,actionType=reply (give back)': 11 * 6 * second,
    });
  });
});
