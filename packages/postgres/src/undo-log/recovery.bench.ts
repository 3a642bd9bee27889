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
import { rowToRecord, undoLogColumns } from './undo-log-columns';

// Crash recovery of 10,000 pending records with the default limit (500 per round): claims
// (through the function of migration 0013) and batched settlements (`updateMany`) against two
// older paths on the same store and data, in the same run: the claim as one inline statement,
// and one `update` per record (the store without `updateMany`). Three interleaved rounds of the
// first two (medians), one of the last.
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

type Path = 'now' | 'inline claim' | 'one update per record';

/** The claim as one inline statement, as before migration 0013 (its plan sorts every row). */
function inlineClaim(client: SqlClient, table: string): UndoLogStore['claimExpired'] {
  return async ({ now, owner, leaseExpiresAt, limit }) => {
    const { rows } = await client.query(
      `UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3
       WHERE sequence IN (SELECT sequence FROM ${table}
         WHERE status IN ('pending', 'undoing') AND (lease_expires_at IS NULL OR lease_expires_at <= $3)
         ORDER BY sequence LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, leaseExpiresAt, now, limit],
    );
    return rows.map(rowToRecord).sort((a, b) => a.sequence - b.sequence);
  };
}

async function secondsToRecover(client: SqlClient, label: string, path: Path) {
  const schema = `bench_recovery_${process.pid}_${label}_${path.replaceAll(' ', '_')}`;
  await migrate(client, { schema });
  await seed(client, schema);
  const full = createPostgresUndoLogStore({ client, schema });
  const { updateMany: _, ...perRecord } = full;
  const store: UndoLogStore =
    path === 'now'
      ? full
      : path === 'inline claim'
        ? { ...full, claimExpired: inlineClaim(client, qualifiedTable(schema, undoLogTable)) }
        : perRecord;
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** Three interleaved rounds of the two batched paths (medians), one of the per-record path. */
async function compare(label: string, client: SqlClient) {
  const batched: number[] = [];
  const inline: number[] = [];
  for (let round = 0; round < 3; round++) {
    const first = round % 2 === 0 ? 'now' : 'inline claim';
    const second = first === 'now' ? 'inline claim' : 'now';
    for (const path of [first, second] as const) {
      const seconds = await secondsToRecover(client, `${label}${round}`, path);
      (path === 'now' ? batched : inline).push(seconds);
    }
  }
  const perRecord = await secondsToRecover(client, label, 'one update per record');
  const now = median(batched);
  console.log(
    `${label} recovery of ${count}: ${now.toFixed(2)} s now (median of ${batched.map((value) => value.toFixed(2)).join(', ')}), ${median(inline).toFixed(2)} s with the inline claim (${(median(inline) / now).toFixed(1)}x), ${perRecord.toFixed(2)} s one update per record (${(perRecord / now).toFixed(1)}x)`,
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
