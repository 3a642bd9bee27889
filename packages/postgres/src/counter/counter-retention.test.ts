import { createManualClock, type RailContext } from '@guardloop/core';
import {
  type CounterStore,
  createCounterPruner,
  createMemoryCounterStore,
  createSloTracker,
  defineSlo,
  rateLimitRail,
} from '@guardloop/economic';
import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/sql-client';
import { counterTable } from '../migrations/counter-migration';
import { qualifiedTable } from '../schema/database-schema';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresCounterStore } from './postgres-counter-store';

const t0 = Date.UTC(2030, 0, 1);
const second = 1_000;
const minute = 60_000;
const context: RailContext = {
  traceId: 'trace',
  actor: { id: 'agent', type: 'ai', roles: [], tenant: 'acme' },
  action: { name: 'reply', input: {}, reversible: true, dryRun: false },
};

interface Opened {
  store: CounterStore;
  /** Other processes' stores on the same schema (their own pools on a real server). */
  others: CounterStore[];
  client: SqlClient;
  table: string;
}

const countRows = async ({ client, table }: Opened, where = 'TRUE') =>
  Number(
    (await client.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))
      .rows[0]?.n,
  );

/** 90 minutes of one decision every 30 s through a 1-minute rate limit and a 1-hour SLO. */
async function workload(store: CounterStore, prune: boolean) {
  const clock = createManualClock(t0);
  const slo = defineSlo({
    name: 'replies',
    objective: 0.9,
    window: '1h',
    alerts: [{ longWindow: '10m', shortWindow: '2m', burnRate: 2, autonomy: 'reduced' }],
  });
  const tracker = createSloTracker({ store, clock });
  const rail = rateLimitRail({ store, clock, name: 'replies', limit: 1, window: '1m' });
  const pruner = createCounterPruner({ store, clock, interval: '10m' });
  if (prune) pruner.start();
  const readings: string[] = [];
  for (let at = 0; at < 90 * minute; at += 30 * second) {
    clock.set(t0 + at);
    const abortSignal = new AbortController().signal;
    readings.push((await rail.evaluate(context, { abortSignal })).verdict);
    await tracker.record(slo, at % (5 * minute) === 0 ? { bad: 1 } : { good: 1 });
    if (at % (10 * minute) === 0) readings.push(JSON.stringify(await tracker.status(slo)));
  }
  pruner.stop();
  return { readings, pruner };
}

function retentionProbes(name: string, open: () => Promise<Opened>) {
  describe(`counter retention on ${name}`, () => {
    it('deletes expired buckets in batches, each once across concurrent pruners', async () => {
      const opened = await open();
      const { client, table } = opened;
      // 12,000 expired rows (more than one delete batch), 100 live ones, 100 without expiry.
      await client.query(
        `INSERT INTO ${table} (key, bucket_start, value, expires_at)
         SELECT 'k' || (n % 7), $1::bigint + n, 1, $1::bigint + n + 1 FROM generate_series(0, 12099) AS n`,
        [t0],
      );
      await client.query(
        `INSERT INTO ${table} (key, bucket_start, value) SELECT 'kept', n, 1 FROM generate_series(1, 100) AS n`,
      );
      const clock = createManualClock(t0 + 12_000);
      const dropped = await Promise.all(
        [opened.store, ...opened.others, opened.store].map((store) =>
          createCounterPruner({ store, clock }).prune(),
        ),
      );
      expect(dropped.reduce((left, right) => left + right, 0)).toBe(12_000);
      expect(await countRows(opened)).toBe(200);
    });

    it('keeps the rails buckets bounded, reading what an unpruned store reads', async () => {
      const opened = await open();
      const pruned = await workload(opened.store, true);
      const kept = await workload(createMemoryCounterStore(), false);
      expect(pruned.readings).toEqual(kept.readings);
      expect(pruned.readings).toContain('deny');
      await pruned.pruner.prune();
      // The rate limit keeps 11 six-second buckets, the SLO 61 minutes per kind (the 1h window).
      expect(await countRows(opened, "key LIKE 'rate:%'")).toBeLessThanOrEqual(11);
      expect(await countRows(opened, "key LIKE 'slo:%'")).toBeLessThanOrEqual(2 * 61);
      expect(await countRows(opened, 'expires_at IS NULL')).toBe(0);
    });
  });
}

const pglite = useTestDatabase('pglite', 'counter_retention');
retentionProbes('PGlite', async () => {
  const client = await pglite.client();
  const schema = await pglite.newSchema();
  return {
    store: createPostgresCounterStore({ client, schema }),
    others: [],
    client,
    table: qualifiedTable(schema, counterTable),
  };
});

describeWithPostgres('counter retention on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'counter_retention_real');
  retentionProbes('a pg Pool', async () => {
    const client = await server.client();
    const schema = await server.newSchema();
    const others = await Promise.all(
      [1, 2].map(async () =>
        createPostgresCounterStore({ client: await server.separateClient(), schema }),
      ),
    );
    return {
      store: createPostgresCounterStore({ client, schema }),
      others,
      client,
      table: qualifiedTable(schema, counterTable),
    };
  });
});
