import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import { createUndoLog, defineAction, type UndoLogStore } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import pg from 'pg';
import { test } from 'vitest';
import { z } from 'zod';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { undoLogTable } from '../migrations/undo-log-migration';
import { qualifiedTable } from '../schema/database-schema';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';
import { undoLogColumns } from './undo-log-columns';

// Crash recovery of 10,000 pending records with the default limit (100 per round): claims and
// batched settlements (`updateMany`) against the old path on the same store and data, one
// `update` per record (the store without `updateMany`), in the same run. One shot each.
// Run: pnpm vitest bench --run packages/postgres/src/undo-log/recovery.bench.ts
// (set GUARDLOOP_TEST_DATABASE_URL to include the PostgreSQL server).
const count = 10_000;
const now = 1_700_000_000_000;
const refund = defineAction({
  name: 'refund',
  input: z.object({ order: z.number() }),
  reversible: true,
  do: () => {},
  undo: () => {},
});

/** 10,000 pending records of a crashed process, in one statement. */
async function seed(client: SqlClient, schema: string) {
  const table = qualifiedTable(schema, undoLogTable);
  const records = Array.from({ length: count }, (_, index) =>
    newTestRecord({
      actionName: 'refund',
      input: { order: index },
      leaseOwner: 'crashed',
      leaseExpiresAt: now - 1,
    }),
  );
  const fields = Object.keys(undoLogColumns) as (keyof typeof undoLogColumns)[];
  const rows = records.map((record) =>
    Object.fromEntries(fields.map((field) => [undoLogColumns[field].column, record[field]])),
  );
  const columns = fields.map((field) => undoLogColumns[field].column).join(', ');
  await client.query(
    `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

async function secondsToRecover(client: SqlClient, label: string, batched: boolean) {
  const schema = `bench_recovery_${process.pid}_${label}_${batched ? 'batched' : 'single'}`;
  await migrate(client, { schema });
  await seed(client, schema);
  const full = createPostgresUndoLogStore({ client, schema });
  const { updateMany: _, ...perRecord } = full;
  const store: UndoLogStore = batched ? full : perRecord;
  const log = createUndoLog({ store, clock: createManualClock(now), actions: [refund] });
  const started = performance.now();
  let recovered = 0;
  for (;;) {
    const { records } = await log.recover();
    if (records.length === 0) break;
    recovered += records.length;
  }
  const seconds = (performance.now() - started) / 1_000;
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  if (recovered !== count) throw new Error(`recovered ${recovered} of ${count}`);
  return seconds;
}

async function compare(label: string, client: SqlClient) {
  const batched = await secondsToRecover(client, label, true);
  const perRecord = await secondsToRecover(client, label, false);
  console.log(
    `${label} recovery of ${count}: ${batched.toFixed(2)} s batched, ${perRecord.toFixed(2)} s one update per record: ${(perRecord / batched).toFixed(1)}x faster`,
  );
}

test('recovery of 10,000 pending records on PGlite (memory)', async () => {
  const database = new PGlite();
  await compare('pglite', createPgliteClient(database));
  await database.close();
}, 600_000);

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'recovery of 10,000 pending records on a PostgreSQL server',
  async () => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    await compare('postgres', createPgClient(pool));
    await pool.end();
  },
  600_000,
);
