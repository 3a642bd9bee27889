import { createManualClock, type RailContext } from '@guardloop/core';
import { createCostMeter } from '@guardloop/economic';
import { runCounterStoreContract } from '@guardloop/economic/test';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgClient } from '../client/create-pg-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { counterLockKey } from './counter-lock-key';
import { createPostgresCounterStore } from './postgres-counter-store';

const memory = useTestDatabase('pglite', 'counter_pglite');
runCounterStoreContract({
  name: 'postgres on PGlite (memory)',
  createStore: async () =>
    createPostgresCounterStore({ client: await memory.client(), schema: await memory.newSchema() }),
});

const file = useTestDatabase('pglite-file', 'counter_file');
runCounterStoreContract({
  name: 'postgres on PGlite (file)',
  createStore: async () =>
    createPostgresCounterStore({ client: await file.client(), schema: await file.newSchema() }),
});

describeWithPostgres('counter store on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'counter_real');
  runCounterStoreContract({
    name: 'postgres on a pg Pool',
    createStore: async () =>
      createPostgresCounterStore({
        client: await server.client(),
        schema: await server.newSchema(),
      }),
  });
});

describe('createPostgresCounterStore', () => {
  it('rejects bad options with invalid_input', async () => {
    expect(() => createPostgresCounterStore({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const client = await memory.client();
    expect(() => createPostgresCounterStore({ client, schema: 'Bad Schema' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

const t0 = Date.UTC(2030, 0, 1);
const minute = 60_000;

/** Resolves once `count` connections of the pool are checked out at the same time. */
async function holdAllConnectionsAtOnce(pool: pg.Pool, count: number): Promise<void> {
  let arrived = 0;
  let release = () => {};
  const everyone = new Promise<void>((resolve) => (release = resolve));
  await Promise.all(
    Array.from({ length: count }, async () => {
      const connection = await pool.connect();
      try {
        await connection.query('SELECT 1');
        if (++arrived === count) release();
        await everyone;
      } finally {
        connection.release();
      }
    }),
  );
}

/** A `SqlClient` as a host might write one: plain BEGIN, the database's default isolation. */
function bareClient(pool: pg.Pool): SqlClient {
  const toResult = (result: pg.QueryResult) => ({
    rows: result.rows,
    rowCount: result.rowCount ?? result.rows.length,
  });
  return {
    query: (async (text: string, params?: readonly unknown[]) =>
      toResult(await pool.query(text, params ? [...params] : undefined))) as SqlClient['query'],
    async transaction(work) {
      const connection = await pool.connect();
      const inside: SqlClient = {
        query: (async (text: string, params?: readonly unknown[]) =>
          toResult(
            await connection.query(text, params ? [...params] : undefined),
          )) as SqlClient['query'],
        transaction: (nested) => nested(inside),
      };
      try {
        await connection.query('BEGIN');
        const result = await work(inside);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

describeWithPostgres('counter store locks on a real PostgreSQL server', (url) => {
  const server = useTestDatabase('postgres', 'counter_lock');
  let databases = 0;

  it('gives back the connection of an aborted incrementIfWithin waiting for a busy key, and writes nothing', async () => {
    const schema = await server.newSchema();
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      const store = createPostgresCounterStore({ client: createPgClient(pool), schema });
      const window = { from: t0, to: t0 + minute, limit: 100 };
      // Another process holds the hot key's lock.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        counterLockKey(schema, 'hot'),
      ]);
      const controllers = Array.from({ length: 6 }, () => new AbortController());
      const waiting = controllers.map((controller) =>
        store.incrementIfWithin('hot', t0, 1, window, { abortSignal: controller.signal }).then(
          () => 'applied',
          (reason: unknown) => (reason as Error).message,
        ),
      );
      // More waiters than connections, yet every other key still progresses.
      for (let index = 0; index < 8; index++) {
        expect(await store.incrementIfWithin(`cold-${index}`, t0, 1, window)).toEqual({
          applied: true,
          total: 1,
        });
      }
      for (const controller of controllers) controller.abort(new Error('gave up'));
      expect(await Promise.all(waiting)).toEqual(controllers.map(() => 'gave up'));
      // Every connection is back in the pool while the lock is still held.
      await holdAllConnectionsAtOnce(pool, 4);
      await holder.query('COMMIT');
      // None of the aborted increments applies later.
      expect(await store.incrementIfWithin('hot', t0, 1, window)).toEqual({
        applied: true,
        total: 1,
      });
      expect(await store.sum('hot', t0, t0 + minute)).toBe(1);
    } finally {
      await holder.end();
      await pool.end();
    }
  }, 60_000);

  it('leaves nothing charged by a cost charge aborted while its budget key is busy', async () => {
    const schema = await server.newSchema();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      const store = createPostgresCounterStore({ client: createPgClient(pool), schema });
      const clock = createManualClock(t0);
      const meter = createCostMeter({ store, clock, budgets: [{ name: 'daily', tokens: 100 }] });
      const context: RailContext = {
        traceId: 'trace',
        actor: { id: 'agent', type: 'ai', roles: [] },
        action: {
          name: 'reply',
          input: {},
          reversible: true,
          dryRun: false,
          cost: { tokens: 10, usd: 0 },
        },
      };
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        counterLockKey(schema, 'cost:daily:tokens:all'),
      ]);
      const controller = new AbortController();
      const pending = meter.charge(context, { abortSignal: controller.signal });
      const reason = new Error('denied by another rail');
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      await holder.query('COMMIT');
      expect((await meter.usage(context))[0]?.used).toBe(0);
      expect((await meter.charge(context)).lines[0]?.used).toBe(10);
    } finally {
      await holder.end();
      await pool.end();
    }
  }, 60_000);

  // createPgClient sets READ COMMITTED on its transactions; the store must not depend on it.
  it.each([
    ['createPgClient', createPgClient],
    ['a client that sets no isolation', bareClient],
  ] as const)(
    'never overshoots a limit, nor fails, on a database whose default isolation is repeatable read (%s)',
    async (_, makeClient) => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const database = `guardloop_counter_rr_${process.pid}_${++databases}`;
      const pools: pg.Pool[] = [];
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${database}`);
        await admin.query(
          `ALTER DATABASE ${database} SET default_transaction_isolation = 'repeatable read'`,
        );
        const location = new URL(url);
        location.pathname = `/${database}`;
        // Four pools stand for four processes: each has its own connections to the server.
        for (let index = 0; index < 4; index++) {
          const pool = new pg.Pool({ connectionString: location.toString(), max: 4 });
          // DROP DATABASE ... WITH (FORCE) below ends the idle connections: expected.
          pool.on('error', () => {});
          pools.push(pool);
        }
        const [first] = pools;
        if (!first) throw new Error('no pool');
        expect((await first.query('SHOW default_transaction_isolation')).rows).toEqual([
          { default_transaction_isolation: 'repeatable read' },
        ]);
        await migrate(createPgClient(first), { schema: 'counters' });
        const stores = pools.map((pool) =>
          createPostgresCounterStore({
            client: makeClient(pool),
            schema: 'counters',
          }),
        );
        const window = { from: t0, to: t0 + 2 * minute, limit: 100 };
        const calls = Array.from({ length: 240 }, (_, index) => {
          const store = stores[index % stores.length] ?? stores[0];
          // Two buckets of one window: a stale read of either would let the window overshoot.
          const bucket = t0 + (index % 2) * minute;
          return Promise.all([
            store?.incrementIfWithin('limited', bucket, 1, window),
            store?.increment('plain', bucket, 1),
          ]);
        });
        const results = await Promise.all(calls);
        expect(results.filter(([result]) => result?.applied)).toHaveLength(100);
        expect(await stores[0]?.sum('limited', t0, t0 + 2 * minute)).toBe(100);
        expect(await stores[0]?.sum('plain', t0, t0 + 2 * minute)).toBe(240);
      } finally {
        for (const pool of pools) await pool.end();
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.end();
      }
    },
    120_000,
  );
});
