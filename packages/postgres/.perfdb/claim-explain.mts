import { PGlite } from '@electric-sql/pglite';
import { newTestRecord } from '@guardloop/undo-log/test';
import { createPgliteClient } from '../src/client/create-pglite-client';
import { migrate } from '../src/migrations/migrate';
import { createPostgresUndoLogStore } from '../src/undo-log/postgres-undo-log-store';
import { undoLogColumns } from '../src/undo-log/undo-log-columns';
const now = 1_700_000_000_000;
const db = new PGlite(); const client = createPgliteClient(db);
await migrate(client, {}); const table = 'public.guardloop_undo_log';
const records = Array.from({ length: 10000 }, (_, index) => newTestRecord({ actionName: 'refund', input: { order: index }, leaseOwner: 'crashed', leaseExpiresAt: now - 1 }));
const fields = Object.keys(undoLogColumns) as (keyof typeof undoLogColumns)[];
const rows = records.map((r) => Object.fromEntries(fields.map((f) => [undoLogColumns[f].column, (r as any)[f]])));
const columns = fields.map((f) => undoLogColumns[f].column).join(', ');
await client.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
if (process.env.ANALYZE) await client.query(`ANALYZE ${table}`);
const store = createPostgresUndoLogStore({ client });
const N = Number(process.env.N ?? 100);
await db.exec(`CREATE FUNCTION public.claim_fn(p_owner text, p_lease bigint, p_now bigint, p_limit integer, p_statuses text[]) RETURNS SETOF ${table} LANGUAGE sql SET enable_sort = off AS $f$
UPDATE ${table} SET lease_owner = p_owner, lease_expires_at = p_lease, updated_at = p_now WHERE sequence IN (SELECT sequence FROM ${table} WHERE status IN ('pending','undoing') AND status = ANY(p_statuses) AND (lease_expires_at IS NULL OR lease_expires_at <= p_now) ORDER BY sequence LIMIT p_limit FOR UPDATE SKIP LOCKED) RETURNING * $f$`);
const variant = process.env.V ?? 'store';
let tc = 0, tu = 0;
for (let i = 0; i < N; i++) {
  let s = performance.now();
  let claimed: any[];
  if (variant === 'store') claimed = await store.claimExpired({ statuses: ['pending', 'undoing'], now, owner: 'me', leaseExpiresAt: now + 30000, limit: 100 });
  else if (variant === 'raw') claimed = (await db.query(`UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3 WHERE sequence IN (SELECT sequence FROM ${table} WHERE status IN ('pending','undoing') AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY sequence LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *`, ['me', now + 30000, now, 100])).rows as any[];
  else if (variant === 'fn') claimed = (await db.query(`SELECT * FROM public.claim_fn($1, $2, $3, $4, $5)`, ['me', now + 30000, now, 100, ['pending', 'undoing']])).rows as any[];
  else claimed = (await db.query(`UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3 WHERE sequence IN (SELECT sequence FROM ${table} WHERE status IN ('pending','undoing') AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY sequence LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING sequence, id`, ['me', now + 30000, now, 100])).rows as any[];
  const c = performance.now() - s; s = performance.now();
  await store.updateMany!(claimed.map((r) => ({ id: r.id, expect: { statuses: ['pending'], leaseOwner: 'me' }, set: { status: 'undone', leaseOwner: null, leaseExpiresAt: null, updatedAt: now, undo: { by: { id: 'x', type: 'system' }, reason: 'r', at: now } } })));
  const u = performance.now() - s;
  tc += c; tu += u; if (i % 20 === 0 || i === N - 1) console.log(tc.toFixed(0), tu.toFixed(0), variant, i, 'claim', c.toFixed(1), 'settle', u.toFixed(1));
}
if (process.env.EXPLAIN) {
  if (process.env.NOSORT) await db.exec('SET enable_sort = off');
  const ex = async (q: string, p: any[]) => console.log((await db.query('EXPLAIN (ANALYZE, BUFFERS) ' + q, p)).rows.map((r: any) => r['QUERY PLAN']).join('\n'));
  await ex(`UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3 WHERE sequence IN (SELECT sequence FROM ${table} WHERE status IN ('pending','undoing') AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY sequence LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *`, ["me", now + 30000, now, 100]);
  const { buildUndoLogUpdateMany, toUpdateManyParameter } = await import('../src/undo-log/build-undo-log-update-many');
  const ids = (await db.query(`SELECT id FROM ${table} WHERE status = 'pending' ORDER BY sequence LIMIT 100`)).rows as any[];
  await ex(buildUndoLogUpdateMany(table), [toUpdateManyParameter(ids.map((r) => ({ id: r.id, expect: { statuses: ['pending'], leaseOwner: 'me' }, set: { status: 'undone', leaseOwner: null, leaseExpiresAt: null, updatedAt: now, undo: { by: { id: 'x', type: 'system' }, reason: 'r', at: now } } })))]);
}
