import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import { createOutcomeRecorder, type OutcomeInput } from '@guardloop/feedback';
import pg from 'pg';
import { createPgClient } from '../src/client/create-pg-client';
import { createPgliteClient } from '../src/client/create-pglite-client';
import { migrate } from '../src/migrations/migrate';
import { feedbackTables } from '../src/feedback/feedback-tables';
import { createPostgresFeedbackStore } from '../src/feedback/postgres-feedback-store';
import { buildCommitStatement } from '../src/feedback/build-commit-statement';
const at = Date.UTC(2026, 0, 5); const perBatch = 100;
function outcomes(batch: number, prefix: string): OutcomeInput[] {
  return Array.from({ length: perBatch }, (_, index): OutcomeInput => {
    const n = batch * perBatch + index; const traceId = `${prefix}t-${Math.floor(n / 4)}`;
    const common = { id: `${prefix}o-${n}`, traceId, at: at + (n % 4) };
    if (n % 4 === 0) return { ...common, type: 'decision', verdict: 'allow', category: 'billing', channel: 'email', queue: `tier-${n % 3}` };
    return { ...common, type: 'csat', score: 1 + (n % 5) };
  });
}
async function run(client: any, label: string) {
  const schema = `fprof_${process.pid}`; await migrate(client, { schema });
  const table = feedbackTables(schema).outcomes;
  const inner = createPostgresFeedbackStore({ client, schema });
  const t: Record<string, number> = {};
  const add = (k: string, v: number) => { t[k] = (t[k] ?? 0) + v; };
  let lastCommits: any;
  const store = { ...inner, commitOutcomes: async (c: any, o: any) => { lastCommits = c; const s = performance.now(); try { return await inner.commitOutcomes(c, o); } finally { add('commitOutcomes', performance.now() - s); } } };
  const recorder = createOutcomeRecorder({ store: store as any, clock: createManualClock(at + 60000) });
  const N = 60;
  for (let b = 0; b < N; b++) {
    const inputs = outcomes(b, 'm-');
    let s = performance.now(); await recorder.recordMany(inputs); add('recordMany', performance.now() - s);
    s = performance.now(); buildCommitStatement(feedbackTables(schema), lastCommits); add('build', performance.now() - s);
    const params: unknown[] = [];
    const tuples = outcomes(b, 'f-').map((input) => { const event = { ...input, recordedAt: at, flags: [], category: 'billing' };
      const values = [input.id, input.traceId, null, input.type, input.at, 'billing', 'email', 'tier-1', [], JSON.stringify(event)];
      return `(${values.map((v) => `$${params.push(v)}`).join(', ')})`; });
    s = performance.now();
    await client.query(`INSERT INTO ${table} (id, trace_id, ticket_id, type, at, category, channel, queue, flags, event) VALUES ${tuples.join(', ')}`, params);
    add('floor', performance.now() - s);
  }
  if (process.env.EXPLAIN) {
    const st = buildCommitStatement(feedbackTables(schema), lastCommits.map((c: any) => ({ ...c, outcome: { ...c.outcome, id: c.outcome.id + 'x', traceId: c.outcome.traceId + 'x' }, trace: { ...c.trace, traceId: c.trace.traceId + 'x' } })));
    const tm = async (name: string, f: () => Promise<unknown>) => { const s0 = performance.now(); for (let i = 0; i < 10; i++) await f(); console.log(name, ((performance.now() - s0) / 10).toFixed(2)); };
    await tm('select 1', () => client.query('SELECT 1'));
    await tm('select $1 jsonb x3', () => client.query('SELECT $1::jsonb AS a, $2::jsonb AS b, $3::jsonb AS c', st.params));
    await tm('select length x3', () => client.query('SELECT length($1) + length($2) + length($3) AS a', st.params));
    
    await tm('explain only', () => client.query('EXPLAIN ' + st.text, st.params));
    console.log('params bytes', st.params.map((p) => p.length));
    const r = await client.query('EXPLAIN (ANALYZE, BUFFERS) ' + st.text, st.params);
    console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
    console.log(JSON.stringify(lastCommits[lastCommits.length - 1].trace).length, JSON.stringify(lastCommits[lastCommits.length - 1]).slice(0, 1500));
  }
  console.log(label, JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / N).toFixed(2) + 'ms']))));
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
}
const db = new PGlite(); await run(createPgliteClient(db), 'pglite'); await db.close();
if (!process.env.ONLY) { const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 }); await run(createPgClient(pool), 'server'); await pool.end(); }
