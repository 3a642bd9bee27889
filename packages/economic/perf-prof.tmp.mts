import { createManualClock, evaluateRails, type RailContext } from '@guardloop/core';
import { costBudgetRail, createCostMeter, createMemoryCounterStore, rateLimitRail, sloRail, createAutonomyDial, createSloTracker, defineSlo } from './src/index.ts';

const hourMs = 3600_000;
const clock = createManualClock(Date.UTC(2030, 0, 1));
const store = createMemoryCounterStore();
const slo = defineSlo({ name: 'autonomous-actions', objective: 0.999, window: '30d' });
const past = createManualClock(clock.now() - 30 * 24 * hourMs);
const history = createSloTracker({ store, clock: past });
for (let hour = 0; hour < 30 * 24; hour++) { await history.record(slo, { good: 250 }); past.advance(hourMs); }
const dial = createAutonomyDial({ tracker: createSloTracker({ store, clock }), slos: [slo] });
const meter = createCostMeter({ store, clock, budgets: [{ name: 'tenant-daily', scope: ['tenant'], period: '1d', tokens: 1e12, usd: 1e8 }] });
const rails = { slo: sloRail({ dial }), cost: costBudgetRail({ meter }), rate: rateLimitRail({ store, clock, name: 'per-actor', limit: 1e9, window: '1m' }) };
const context: RailContext = { traceId: 'trace', actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: { name: 'reply', input: {}, reversible: true, dryRun: false, cost: { tokens: 1, usd: 0.001 } } };
const railList = [rails.slo, rails.cost, rails.rate];
const N = Number(process.env.N ?? 20000);
const which = (process.env.WHICH ?? 'slo,cost,rate,engine').split(',');
for (let round = 0; round < 3; round++) {
  const line: string[] = [];
  for (const name of which) {
    const t0 = process.cpuUsage();
    if (name === 'engine') {
      for (let i = 0; i < N; i++) await evaluateRails(railList, context, { clock });
    } else {
      const rail = rails[name as 'slo'];
      for (let i = 0; i < N; i++) await rail.evaluate(context, { abortSignal: new AbortController().signal });
    }
    line.push(`${name} ${(((u) => u.user + u.system)(process.cpuUsage(t0)) / N).toFixed(2)}us`);
    clock.advance(1000);
  }
  console.log(line.join('  '), 'buckets', store.bucketCount());
}
