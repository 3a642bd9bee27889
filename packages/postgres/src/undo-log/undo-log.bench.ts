import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createUndoLog, defineAction, type UndoLogStore } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import pg from 'pg';
import { type Bench, test } from 'vitest';
import { z } from 'zod';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

// Actions per second through the undo log (one read, one insert, one update, plus validation)
// against one bare insert into the same store, measured in the same run.
// Run: pnpm vitest bench --run --project "postgres (bench)"  (set GUARDLOOP_TEST_DATABASE_URL
// to include the PostgreSQL server).
const noop = defineAction({
  name: 'noop',
  input: z.object({ n: z.number() }),
  reversible: true,
  do: (input) => ({ n: input.n }),
  undo: () => {},
});
const actor = { id: 'bench', type: 'system' as const };
const schema = `bench_${process.pid}`;

async function storeOn(client: SqlClient): Promise<UndoLogStore> {
  await migrate(client, { schema });
  return createPostgresUndoLogStore({ client, schema });
}

async function measure(label: string, store: UndoLogStore, bench: Bench) {
  const log = createUndoLog({ store, actions: [noop] });
  let count = 0;
  const results = await bench.compare(
    bench(`${label}: bare store.insert`, async () => {
      await store.insert(newTestRecord());
    }),
    bench(`${label}: undoLog.run`, async () => {
      count += 1;
      await log.run(noop, { n: count }, { idempotencyKey: `k-${count}`, traceId: 'bench', actor });
    }),
    { time: 3_000, warmupTime: 500 },
  );
  const insert = results.get(`${label}: bare store.insert`).throughput.mean;
  const run = results.get(`${label}: undoLog.run`).throughput.mean;
  console.log(
    `${label}: ${run.toFixed(0)} actions/s through the log, ${insert.toFixed(0)} bare inserts/s: ratio ${(run / insert).toFixed(3)}`,
  );
}

test('undo log throughput on PGlite (memory)', async ({ bench }) => {
  const database = new PGlite();
  await measure('PGlite memory', await storeOn(createPgliteClient(database)), bench);
  await database.close();
});

test('undo log throughput on PGlite (file)', async ({ bench }) => {
  const directory = await mkdtemp(join(tmpdir(), 'guardloop-bench-'));
  const database = new PGlite(directory);
  await measure('PGlite file', await storeOn(createPgliteClient(database)), bench);
  await database.close();
  await rm(directory, { recursive: true, force: true });
});

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'undo log throughput on a PostgreSQL server',
  async ({ bench }) => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    const client = createPgClient(pool);
    await measure('PostgreSQL', await storeOn(client), bench);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  },
);
