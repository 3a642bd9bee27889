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
import { undoLogTable } from '../migrations/undo-log-migration';
import { qualifiedTable } from '../schema/database-schema';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';
import {
  placeholder,
  toParameter,
  type UndoLogColumnField,
  undoLogColumns,
} from './undo-log-columns';

// Actions per second through the undo log (validate, write the intent, run, write the result)
// against the hand-written floor on the same table: "INSERT intent; do; UPDATE result", two
// round trips with nothing returned, measured in the same run.
// Run: pnpm vitest bench --run --project postgres undo-log.bench  (set GUARDLOOP_TEST_DATABASE_URL
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

/** The floor: the intent and the result as two bare statements, as one would write them. */
function handWritten(client: SqlClient) {
  const table = qualifiedTable(schema, undoLogTable);
  const fields = Object.keys(undoLogColumns) as UndoLogColumnField[];
  const columns = fields.map((field) => undoLogColumns[field].column).join(', ');
  const values = fields.map((field, index) => placeholder(field, index + 1)).join(', ');
  const insert = `INSERT INTO ${table} (${columns}) VALUES (${values})`;
  const update = `UPDATE ${table} SET status = 'done', result = $2::jsonb, lease_owner = NULL,
    lease_expires_at = NULL, updated_at = $3 WHERE id = $1`;
  return async (n: number) => {
    const record = newTestRecord({ actionName: 'noop', input: { n } });
    await client.query(insert, fields.map((field) => toParameter(field, record[field])));
    const result = { n };
    await client.query(update, [record.id, JSON.stringify(result), Date.now()]);
  };
}

async function measure(label: string, client: SqlClient, bench: Bench) {
  const store = await storeOn(client);
  const log = createUndoLog({ store, actions: [noop] });
  const floor = handWritten(client);
  let count = 0;
  const results = await bench.compare(
    bench(`${label}: hand-written INSERT; do; UPDATE`, async () => {
      count += 1;
      await floor(count);
    }),
    bench(`${label}: undoLog.run`, async () => {
      count += 1;
      await log.run(noop, { n: count }, { idempotencyKey: `k-${count}`, traceId: 'bench', actor });
    }),
    { time: 3_000, warmupTime: 500 },
  );
  const floorRate = results.get(`${label}: hand-written INSERT; do; UPDATE`).throughput.p50;
  const run = results.get(`${label}: undoLog.run`).throughput.p50;
  console.log(
    `${label}: ${run.toFixed(0)} actions/s through the log, ${floorRate.toFixed(0)}/s hand-written: median ratio ${(run / floorRate).toFixed(3)}`,
  );
}

test('undo log throughput on PGlite (memory)', async ({ bench }) => {
  const database = new PGlite();
  await measure('PGlite memory', createPgliteClient(database), bench);
  await database.close();
});

test('undo log throughput on PGlite (file)', async ({ bench }) => {
  const directory = await mkdtemp(join(tmpdir(), 'guardloop-bench-'));
  const database = new PGlite(directory);
  await measure('PGlite file', createPgliteClient(database), bench);
  await database.close();
  await rm(directory, { recursive: true, force: true });
});

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'undo log throughput on a PostgreSQL server',
  async ({ bench }) => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    const client = createPgClient(pool);
    await measure('PostgreSQL', client, bench);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  },
);
