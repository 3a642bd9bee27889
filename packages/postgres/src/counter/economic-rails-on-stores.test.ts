import { createManualClock, type RailContext } from '@guardloop/core';
import {
  type CounterStore,
  createCostMeter,
  createMemoryCounterStore,
  rateLimitRail,
} from '@guardloop/economic';
import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresCounterStore } from './postgres-counter-store';

const t0 = Date.UTC(2030, 0, 1, 12);

const decision = (cost?: { tokens: number; usd: number }): RailContext => ({
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: {
    name: 'send_reply',
    input: {},
    reversible: true,
    dryRun: false,
    ...(cost ? { cost } : {}),
  },
});

/** The economic rails, end to end on a store: concurrent callers, aborts, exact boundaries. */
function economicRailProbes(name: string, makeStore: () => Promise<CounterStore>) {
  describe(`economic rails on ${name}`, () => {
    it('lets exactly `limit` of many concurrent takes through, on every window edge', async () => {
      const store = await makeStore();
      const clock = createManualClock(t0);
      const rail = rateLimitRail({ store, clock, name: 'replies', limit: 5, window: '1m' });
      const abortSignal = new AbortController().signal;
      const verdicts = await Promise.all(
        Array.from({ length: 20 }, () => rail.evaluate(decision(), { abortSignal })),
      );
      expect(verdicts.filter((verdict) => verdict.verdict === 'allow')).toHaveLength(5);
      // One millisecond before the window has slid past every take: still full; at it: free.
      clock.set(t0 + 59_999);
      expect((await rail.evaluate(decision(), { abortSignal })).verdict).toBe('deny');
      clock.set(t0 + 60_000 + 6_000);
      expect((await rail.evaluate(decision(), { abortSignal })).verdict).toBe('allow');
    });

    it('writes nothing for a take aborted before it starts', async () => {
      const store = await makeStore();
      const clock = createManualClock(t0);
      const rail = rateLimitRail({ store, clock, name: 'replies', limit: 1, window: '1m' });
      const controller = new AbortController();
      const reason = new Error('gave up');
      controller.abort(reason);
      await expect(rail.evaluate(decision(), { abortSignal: controller.signal })).rejects.toBe(
        reason,
      );
      const abortSignal = new AbortController().signal;
      expect((await rail.evaluate(decision(), { abortSignal })).verdict).toBe('allow');
    });

    it('charges concurrent decisions all or nothing across two budgets, to the unit', async () => {
      const store = await makeStore();
      const clock = createManualClock(t0);
      const meter = createCostMeter({
        store,
        clock,
        budgets: [
          { name: 'tokens', tokens: 10 },
          { name: 'money', usd: 0.3 },
        ],
      });
      const charges = await Promise.all(
        Array.from({ length: 25 }, (_, index) =>
          meter.charge(decision(index % 2 === 0 ? { tokens: 1, usd: 0.1 } : { tokens: 2, usd: 0 })),
        ),
      );
      const applied = charges.filter((charge) => charge.applied);
      const usage = await meter.usage(decision());
      // In counter units (micro-dollars): exact, whatever the order of the charges.
      const spent = (dimension: 'tokens' | 'usd') =>
        applied
          .flatMap((charge) => charge.lines)
          .filter((line) => line.dimension === dimension)
          .reduce((sum, line) => sum + Math.round(line.cost * (dimension === 'usd' ? 1e6 : 1)), 0);
      expect(
        usage.map((line) => Math.round(line.used * (line.dimension === 'usd' ? 1e6 : 1))),
      ).toEqual([spent('tokens'), spent('usd')]);
      expect(spent('tokens')).toBeLessThanOrEqual(10);
      expect(spent('usd')).toBeLessThanOrEqual(300_000);
      // The period's last millisecond is still the same period.
      clock.set(Date.UTC(2030, 0, 2) - 1);
      expect(await meter.usage(decision())).toEqual(usage);
      for (const charge of applied) await meter.refund(charge);
      expect((await meter.usage(decision())).map((line) => line.used)).toEqual([0, 0]);
      // The next period starts afresh.
      await meter.charge(decision({ tokens: 10, usd: 0.3 }));
      clock.set(Date.UTC(2030, 0, 2));
      expect((await meter.usage(decision())).map((line) => line.used)).toEqual([0, 0]);
    });
  });
}

economicRailProbes('memory', async () => createMemoryCounterStore());

const pglite = useTestDatabase('pglite', 'econ_rails_pglite');
economicRailProbes('PGlite', async () =>
  createPostgresCounterStore({ client: await pglite.client(), schema: await pglite.newSchema() }),
);

describeWithPostgres('economic rails on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'econ_rails_real');
  economicRailProbes('a pg Pool', async () =>
    createPostgresCounterStore({ client: await server.client(), schema: await server.newSchema() }),
  );
});
