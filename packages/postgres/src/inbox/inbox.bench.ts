import { PGlite } from '@electric-sql/pglite';
import { createInbox, type InboxStore } from '@guardloop/inbox';
import { newTestItem } from '@guardloop/inbox/test';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import pg from 'pg';
import { type Bench, test } from 'vitest';
import { z } from 'zod';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { createPostgresUndoLogStore } from '../undo-log/postgres-undo-log-store';
import { createPostgresInboxStore } from './postgres-inbox-store';

// 1. Escalate + approve round trips through the inbox (validation, authority, hashes, history,
//    compare-and-sets, the undo log) against the hand-written minimum on the same stores:
//    insert the item, update it with the decision, run the action through the undo log.
// 2. One page of `inbox.list` (pending, one queue) deep in 100,000 pending items, against a
//    primary-key range scan of the same page size.
// Run: pnpm vitest bench --run --project postgres src/inbox  (set GUARDLOOP_TEST_DATABASE_URL
// to include the PostgreSQL server).
const refund = defineAction({
  name: 'refund',
  input: z.object({ orderId: z.string(), amount: z.number() }),
  reversible: true,
  do: (input) => ({ refundId: `r-${input.orderId}` }),
  undo: () => {},
});
const reviewer = { id: 'lea', type: 'human' as const, roles: ['tier-1'] };
const schema = `inbox_bench_${process.pid}`;

async function measureRoundTrip(label: string, client: SqlClient, bench: Bench) {
  await migrate(client, { schema });
  const store: InboxStore = createPostgresInboxStore({ client, schema });
  const undoLog = createUndoLog({
    store: createPostgresUndoLogStore({ client, schema }),
    actions: [refund],
  });
  const inbox = createInbox({ store, undoLog, actions: [refund] });
  let count = 0;
  const results = await bench.compare(
    bench(`${label}: hand-written insert, update, run`, async () => {
      count += 1;
      const input = { orderId: `h${count}`, amount: 5 };
      const item = newTestItem({ action: { name: 'refund', input, resource: null } });
      await store.insert(item);
      await store.update(item.id, { expectRevision: 0, set: { status: 'approved' } });
      await undoLog.run('refund', input, {
        idempotencyKey: `hand:${item.id}`,
        traceId: item.traceId,
        actor: reviewer,
      });
    }),
    bench(`${label}: inbox.escalate + inbox.approve`, async () => {
      count += 1;
      const item = await inbox.escalate({
        traceId: `bench-${process.pid}-${count}`,
        action: { name: 'refund', input: { orderId: `i${count}`, amount: 5 } },
        reason: 'bench',
      });
      await inbox.approve(item.id, { reviewer });
    }),
    { time: 3_000, warmupTime: 500 },
  );
  const hand = results.get(`${label}: hand-written insert, update, run`).throughput.mean;
  const round = results.get(`${label}: inbox.escalate + inbox.approve`).throughput.mean;
  console.log(
    `${label}: ${round.toFixed(0)} escalate+approve/s, ${hand.toFixed(0)} hand-written/s: ratio ${(round / hand).toFixed(3)}`,
  );
}

async function measureList(label: string, client: SqlClient, bench: Bench) {
  await migrate(client, { schema });
  const table = `"${schema}".guardloop_inbox_items`;
  await client.query(`TRUNCATE ${table}`);
  // 100,000 pending items in 10 queues, written in one statement.
  await client.query(
    `INSERT INTO ${table} (id, trace_id, status, queue, revision, created_at, updated_at, document, history)
     SELECT 'b' || n, 'bt' || n, 'pending', 'q' || (n % 10), 0, n, n, '{}'::jsonb, '[]'::jsonb
     FROM generate_series(1, 100000) AS n`,
  );
  await client.query(`ANALYZE ${table}`);
  const store = createPostgresInboxStore({ client, schema });
  const inbox = createInbox({ store });
  // A cursor near the end: keyset paging costs the same on page 1 and page 1,900.
  const cursor = 's95000';
  const results = await bench.compare(
    bench(`${label}: primary-key range of 50 rows`, async () => {
      await client.query(
        `SELECT * FROM ${table} WHERE sequence > 95000 ORDER BY sequence LIMIT 51`,
      );
    }),
    bench(`${label}: inbox.list (pending, one queue, deep cursor)`, async () => {
      await inbox.list({ status: 'pending', queue: 'q3', cursor, limit: 50 });
    }),
    { time: 3_000, warmupTime: 500 },
  );
  const base = results.get(`${label}: primary-key range of 50 rows`).throughput.mean;
  const listed = results.get(`${label}: inbox.list (pending, one queue, deep cursor)`).throughput
    .mean;
  console.log(
    `${label}: ${listed.toFixed(0)} list pages/s over 100,000 pending, ${base.toFixed(0)} pk ranges/s: ratio ${(listed / base).toFixed(3)}`,
  );
}

test('inbox round trip and list on PGlite (memory)', async ({ bench }) => {
  const database = new PGlite();
  const client = createPgliteClient(database);
  await measureRoundTrip('PGlite memory', client, bench);
  await measureList('PGlite memory', client, bench);
  await database.close();
});

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'inbox round trip and list on a PostgreSQL server',
  async ({ bench }) => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    const client = createPgClient(pool);
    await measureRoundTrip('PostgreSQL', client, bench);
    await measureList('PostgreSQL', client, bench);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  },
);
