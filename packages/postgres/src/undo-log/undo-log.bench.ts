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
// round trips with nothing returned, measured in the same run. The floor sends its statements
// unprepared, as one would write them; the store keeps its two prepared (`prepare: true`), which
// is most of why it can beat the floor.
// Run: pnpm vitest bench --run packages/postgres/src/undo-log/undo-log.bench.ts (set GUARDLOOP_TEST_DATABASE_URL
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
    await client.query(
      insert,
      fields.map((field) => toParameter(field, record[field])),
    );
    const result = { n };
    await client.query(update, [record.id, JSON.stringify(result), Date.now()]);
  };
}

const rounds = 6;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function measure(label: string, client: SqlClient, bench: Bench) {
  const store = await storeOn(client);
  const log = createUndoLog({ store, actions: [noop] });
  const floor = handWritten(client);
  const floorName = `${label}: hand-written INSERT; do; UPDATE`;
  const runName = `${label}: undoLog.run`;
  let count = 0;
  const ratios: number[] = [];
  const rates: { floor: number[]; run: number[] } = { floor: [], run: [] };
  // The machine is shared: short rounds, every other one in reverse order, and the ratio of
  // medians within each round (candidates seconds apart), then the median over the rounds.
  for (let round = 0; round < rounds; round++) {
    const candidates = [
      bench(floorName, async () => {
        count += 1;
        await floor(count);
      }),
      bench(runName, async () => {
        count += 1;
        await log.run(
          noop,
          { n: count },
          { idempotencyKey: `k-${count}`, traceId: 'bench', actor },
        );
      }),
    ];
    if (round % 2 === 1) candidates.reverse();
    const results = await bench.compare(...candidates, { time: 500, warmupTime: 100 });
    const floorRate = results.get(floorName).throughput.p50;
    const runRate = results.get(runName).throughput.p50;
    rates.floor.push(floorRate);
    rates.run.push(runRate);
    ratios.push(runRate / floorRate);
  }
  console.log(
    `${label}: ${median(rates.run).toFixed(0)} actions/s through the log, ${median(rates.floor).toFixed(0)}/s hand-written (medians); paired ratio median ${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}] over ${rounds} rounds`,
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
