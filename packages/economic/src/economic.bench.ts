import { createManualClock, type RailContext } from '@guardloop/core';
import { test } from 'vitest';
import { costBudgetRail } from './budget/cost-budget-rail';
import { createCostMeter } from './budget/cost-meter';
import { createMemoryCounterStore } from './memory-counter-store';
import { rateLimitRail } from './rate-limit/rate-limit-rail';
import { createAutonomyDial } from './slo/autonomy-dial';
import { defineSlo } from './slo/define-slo';
import { sloRail } from './slo/slo-rail';
import { createSloTracker } from './slo/slo-tracker';

// Cost per operation of recording an SLO event and evaluating the economic rails, with one
// million events already in the 30-day window, against a plain Map increment measured in the
// same run and printed as ratios. Run: pnpm vitest bench --run --project economic

const minute = 60_000;
const eventsInWindow = 1_000_000;
const clock = createManualClock(Date.UTC(2030, 0, 1));
const store = createMemoryCounterStore();
const tracker = createSloTracker({ store, clock });
const slo = defineSlo({ name: 'autonomous-actions', objective: 0.999 });
const rail = sloRail({ dial: createAutonomyDial({ tracker, slos: [slo] }) });
const meter = createCostMeter({
  store,
  clock,
  budgets: [{ name: 'tenant-daily', scope: ['tenant'], tokens: 1e15, usd: 1e9 }],
});
const costRail = costBudgetRail({ meter });
const rateRail = rateLimitRail({ store, clock, name: 'actions', limit: 1e12, window: '1m' });

// One million events spread minute by minute over the 30-day window (less two hours, so that
// all of them are still inside it), about 0.04% of them bad (burn rate 0.4).
const minutes = 30 * 24 * 60 - 120;
let recorded = 0;
for (let index = 0; index < minutes; index++) {
  const events = Math.round(((index + 1) * eventsInWindow) / minutes) - recorded;
  const bad = index % 100 === 0 ? 1 : 0;
  await tracker.record(slo, { good: events - bad, bad });
  recorded += events;
  clock.advance(minute);
}
const status = await tracker.status(slo);
if (status.window.total !== eventsInWindow || status.autonomy !== 'full') {
  throw new Error('The benchmark history is not what it should be.');
}
console.log(
  `${status.window.total} events in the 30d window held in ${store.bucketCount()} buckets (burn rate ${status.burnRates['30d']?.toFixed(2)}).`,
);

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
const options = { abortSignal: new AbortController().signal };
const counts = new Map<string, number>();

// One sample runs each function this many times, so single fast calls do not just measure the timer.
const batch = 100;
let sink: unknown;
const repeat = (run: () => unknown) => () => {
  for (let index = 0; index < batch; index++) sink = run();
};
const repeatAsync = (run: () => Promise<unknown>) => async () => {
  for (let index = 0; index < batch; index++) sink = await run();
};

type Results = { get(name: string): { period: number } };

/** Prints each operation's cost and its ratio to both baselines: the plain and the awaited increment. */
function report(results: Results, [baseline, awaited, ...others]: readonly string[]): void {
  const perOperation = (name: string) => (results.get(name).period * 1000) / batch;
  const base = perOperation(baseline as string);
  const awaitedBase = perOperation(awaited as string);
  const lines = others.map((name) => {
    const cost = perOperation(name);
    return `  ${name}: ${cost.toFixed(3)} µs = ${(cost / base).toFixed(0)}x ${baseline}, ${(cost / awaitedBase).toFixed(1)}x ${awaited}`;
  });
  console.log(
    [
      `Per operation, ${eventsInWindow} events in the window`,
      `  ${baseline}: ${base.toFixed(3)} µs (baseline)`,
      `  ${awaited}: ${awaitedBase.toFixed(3)} µs (baseline for async calls)`,
      ...lines,
    ].join('\n'),
  );
}

test('recording and evaluating with 1M events in the window', async ({ bench }) => {
  const names = [
    'Map increment',
    'Map increment behind await',
    'store.increment (memory)',
    'tracker.record (one event)',
    'tracker.status (six windows)',
    'sloRail.evaluate',
    'costBudgetRail.evaluate',
    'rateLimitRail.evaluate',
  ] as const;
  const increment = () => counts.set('reply', (counts.get('reply') ?? 0) + 1);
  const results = await bench.compare(
    bench(names[0], repeat(increment)),
    bench(
      names[1],
      repeatAsync(async () => increment()),
    ),
    bench(
      names[2],
      repeatAsync(() => store.increment('bench', 0, 1)),
    ),
    bench(
      names[3],
      repeatAsync(() => tracker.record(slo, { good: 1 })),
    ),
    bench(
      names[4],
      repeatAsync(() => tracker.status(slo)),
    ),
    bench(
      names[5],
      repeatAsync(async () => rail.evaluate(context, options)),
    ),
    bench(
      names[6],
      // A fresh signal per evaluation, as evaluateRails gives (called directly, the rail adds no
      // listener to it: only the engine's evaluations get a late refund).
      repeatAsync(async () =>
        costRail.evaluate(context, { abortSignal: new AbortController().signal }),
      ),
    ),
    bench(
      names[7],
      // A fresh signal too, the same cost as before this rail stopped listening to it.
      repeatAsync(async () =>
        rateRail.evaluate(context, { abortSignal: new AbortController().signal }),
      ),
    ),
  );
  report(results, names);
  // Reading the sink keeps the engine from discarding the measured calls as dead code.
  if (sink === undefined) throw new Error('Nothing was measured.');
  console.log(`Buckets after the benchmark: ${store.bucketCount()}.`);
});
