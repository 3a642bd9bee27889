import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import {
  createBufferedRecorder,
  createOutcomeRecorder,
  type OutcomeInput,
} from '@guardloop/feedback';
import pg from 'pg';
import { type Bench, test } from 'vitest';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { feedbackTables } from './feedback-tables';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

// 100 outcomes on 25 new traces per iteration (a decision, then three CSAT scores each) into the
// PostgreSQL store, against the floor: ONE multi-row INSERT of the same 100 outcome rows into
// the same outcomes table (no trace, no aggregates), in the same `bench.compare` group. Ratios
// are throughput over the floor's, from median latencies. The buffered recorder takes the same
// 100 outcomes one `record` call each and writes them in one flush.
// Run: pnpm vitest bench --run --project postgres feedback-store
// (set GUARDLOOP_TEST_DATABASE_URL to include the server).
const schema = `bench_feedback_${process.pid}`;
const at = Date.UTC(2026, 0, 5);
const perBatch = 100;

/** Batch `batch`: per trace a decision that creates it, then three CSAT scores that update it. */
function outcomes(batch: number, prefix: string): OutcomeInput[] {
  return Array.from({ length: perBatch }, (_, index): OutcomeInput => {
    const n = batch * perBatch + index;
    const traceId = `${prefix}t-${Math.floor(n / 4)}`;
    const common = { id: `${prefix}o-${n}`, traceId, at: at + (n % 4) };
    if (n % 4 === 0) {
      const segment = { category: 'billing', channel: 'email', queue: `tier-${n % 3}` };
      return { ...common, type: 'decision', verdict: 'allow', ...segment };
    }
    return { ...common, type: 'csat', score: 1 + (n % 5) };
  });
}

/** The floor: the batch's outcome rows (as the store would write them) in one INSERT. */
function insertRows(client: SqlClient) {
  const table = feedbackTables(schema).outcomes;
  let batch = 0;
  return async () => {
    const params: unknown[] = [];
    const tuples = outcomes(batch++, 'floor-').map((input) => {
      const event = { ...input, recordedAt: at, flags: [], category: 'billing' };
      const values = [
        input.id,
        input.traceId,
        null,
        input.type,
        input.at,
        'billing',
        'email',
        'tier-1',
        [],
        JSON.stringify(event),
      ];
      return `(${values.map((value) => `$${params.push(value)}`).join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${table} (id, trace_id, ticket_id, type, at, category, channel, queue, flags, event)
       VALUES ${tuples.join(', ')}`,
      params,
    );
  };
}

function recordBatches(client: SqlClient, mode: 'recordMany' | 'record' | 'buffered') {
  const store = createPostgresFeedbackStore({ client, schema });
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(at + 60_000) });
  // One flush per iteration: its 100 outcomes arrive one `record` call each, as from many
  // callers, and are acknowledged when the flush committed.
  const buffered = createBufferedRecorder({ recorder, maxOutcomes: perBatch });
  let batch = 0;
  return async () => {
    const inputs = outcomes(batch++, `${mode}-`);
    if (mode === 'recordMany') await recorder.recordMany(inputs);
    else if (mode === 'buffered') await Promise.all(inputs.map((input) => buffered.record(input)));
    else for (const input of inputs) await recorder.record(input);
  };
}

type Results = { get(name: string): { latency: { p50: number } } };

async function measure(label: string, client: SqlClient, bench: Bench) {
  await migrate(client, { schema });
  const floor = 'floor: one multi-row INSERT of the outcome rows';
  const many = 'recorder.recordMany';
  const single = 'recorder.record, one at a time';
  const buffered = 'createBufferedRecorder: record of each, one flush';
  const results = (await bench.compare(
    bench(floor, insertRows(client)),
    bench(many, recordBatches(client, 'recordMany')),
    bench(buffered, recordBatches(client, 'buffered')),
    bench(single, recordBatches(client, 'record')),
    { time: 2_000, warmupTime: 300, iterations: 10, warmupIterations: 2 },
  )) as unknown as Results;
  const base = results.get(floor).latency.p50;
  const ratio = (name: string) => (base / results.get(name).latency.p50).toFixed(3);
  const perSecond = (perBatch * 1000) / base;
  console.log(
    `${label}: floor ${perSecond.toFixed(0)} rows/s; recordMany ${ratio(many)}x; buffered ${ratio(buffered)}x; record ${ratio(single)}x the floor (medians, ${perBatch} outcomes per iteration)`,
  );
}

test('outcomes recorded per second on PGlite (memory)', async ({ bench }) => {
  const database = new PGlite();
  await measure('PGlite', createPgliteClient(database), bench);
  await database.close();
}, 600_000);

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'outcomes recorded per second on a PostgreSQL server',
  async ({ bench }) => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    const client = createPgClient(pool);
    await measure('PostgreSQL', client, bench);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  },
  600_000,
);
