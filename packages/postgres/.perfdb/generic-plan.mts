import { PGlite } from '@electric-sql/pglite';
const db = new PGlite();
await db.exec(`CREATE TABLE t (sequence bigserial PRIMARY KEY, id text UNIQUE, status text NOT NULL, lease_expires_at bigint, lease_owner text, updated_at bigint, pad text);
CREATE INDEX t_unf ON t (sequence) WHERE status IN ('pending','undoing');
INSERT INTO t (id, status, lease_expires_at, pad) SELECT 'id' || g, CASE WHEN g < 5000 THEN 'done' ELSE 'pending' END, 1, repeat('x', 200) FROM generate_series(1, 10000) g;`);
const body = (arr: boolean) => `UPDATE t SET lease_owner = $1, lease_expires_at = $2, updated_at = $3 WHERE sequence ${arr ? '= ANY(ARRAY(' : 'IN ('}SELECT sequence FROM t WHERE status IN ('pending','undoing') AND status = ANY($5) AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY sequence LIMIT $4 ${arr ? '' : 'FOR UPDATE SKIP LOCKED'})${arr ? ')' : ''} RETURNING *`;
for (const arr of [false, true]) {
  await db.exec(`SET plan_cache_mode = force_generic_plan; SET enable_sort = off; DEALLOCATE ALL;`);
  await db.exec(`PREPARE p(text, bigint, bigint, integer, text[]) AS ${body(arr)}`);
  const r = await db.query(`EXPLAIN (ANALYZE) EXECUTE p('me', 5, 2, 100, '{pending,undoing}')`);
  console.log(arr, (r.rows as any[]).map((x) => x['QUERY PLAN']).filter((l: string) => !l.includes('Buffers')).join('\n'));
}
