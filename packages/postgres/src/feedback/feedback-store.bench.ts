import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import {
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  type FeedbackStore,
  type OutcomeInput,
} from '@guardloop/feedback';
import pg from 'pg';
import { type Bench, test } from 'vitest';
import { createPgClient } from '../client/create-pg-client';
import { createPgliteClient } from '../client/create-pglite-client';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

// Outcomes recorded per second through `recorder.record` (read the trace, fold, one commit
// transaction) into the PostgreSQL store against the memory store, in the same run.
// Run: pnpm bench feedback-store  (set GUARDLOOP_TEST_DATABASE_URL to include the server).
const schema = `bench_feedback_${process.pid}`;
const at = Date.UTC(2026, 0, 5);

/** Per trace: a decision that creates it, then three CSAT scores that update it. */
function outcome(n: number): OutcomeInput {
  const traceId = `t-${Math.floor(n / 4)}`;
  if (n % 4 === 0) {
    const segment = { category: 'billing', channel: 'email', queue: `tier-${n % 3}` };
    return { id: `o-${n}`, traceId, type: 'decision', verdict: 'allow', at, ...segment };
  }
  return { id: `o-${n}`, traceId, type: 'csat', score: 1 + (n % 5), at };
}

function recordInto(store: FeedbackStore) {
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(at) });
  let count = 0;
  return async () => {
    await recorder.record(outcome(count++));
  };
}

async function measure(label: string, client: SqlClient, bench: Bench) {
  await migrate(client, { schema });
  const baseline = 'baseline: memory store';
  const ours = `${label} store`;
  const results = await bench.compare(
    bench(baseline, recordInto(createMemoryFeedbackStore())),
    bench(ours, recordInto(createPostgresFeedbackStore({ client, schema }))),
    { time: 3_000, warmupTime: 500 },
  );
  const memory = results.get(baseline).throughput.mean;
  const postgres = results.get(ours).throughput.mean;
  console.log(
    `${label}: ${postgres.toFixed(0)} outcomes/s, memory store ${memory.toFixed(0)} outcomes/s: ratio ${(postgres / memory).toFixed(4)}`,
  );
}

test('outcomes recorded per second on PGlite (memory)', async ({ bench }) => {
  const database = new PGlite();
  await measure('PGlite', createPgliteClient(database), bench);
  await database.close();
});

test.skipIf(!process.env.GUARDLOOP_TEST_DATABASE_URL)(
  'outcomes recorded per second on a PostgreSQL server',
  async ({ bench }) => {
    const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 });
    const client = createPgClient(pool);
    await measure('PostgreSQL', client, bench);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  },
);
