import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import { createUndoLog, defineAction, type UndoLogStore } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import pg from 'pg';
import { z } from 'zod';
import { createPgClient } from '../src/client/create-pg-client';
import { createPgliteClient } from '../src/client/create-pglite-client';
import { migrate } from '../src/migrations/migrate';
import { undoLogTable } from '../src/migrations/undo-log-migration';
import { qualifiedTable } from '../src/schema/database-schema';
import { createPostgresUndoLogStore } from '../src/undo-log/postgres-undo-log-store';
import { rowToRecord, undoLogColumns } from '../src/undo-log/undo-log-columns';
const count = 10_000; const now = 1_700_000_000_000;
const refund = defineAction({ name: 'refund', input: z.object({ order: z.number() }), reversible: true, do: () => {}, undo: () => {} });
async function run(client: any, label: string) {
  const schema = `prof_${process.pid}_${label}`;
  await migrate(client, { schema });
  const table = qualifiedTable(schema, undoLogTable);
  const records = Array.from({ length: count }, (_, index) => newTestRecord({ actionName: 'refund', input: { order: index }, leaseOwner: 'crashed', leaseExpiresAt: now - 1 }));
  const fields = Object.keys(undoLogColumns) as (keyof typeof undoLogColumns)[];
  const rows = records.map((r) => Object.fromEntries(fields.map((f) => [undoLogColumns[f].column, (r as any)[f]])));
  const columns = fields.map((f) => undoLogColumns[f].column).join(', ');
  await client.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
  if (process.env.ANALYZE) await client.query(`ANALYZE ${table}`);
  const full0 = createPostgresUndoLogStore({ client, schema });
  const full = process.env.INLINE_CLAIM ? { ...full0, claimExpired: async ({ now, owner, leaseExpiresAt, limit }: any) => (await client.query(`UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3 WHERE sequence IN (SELECT sequence FROM ${table} WHERE status IN ('pending', 'undoing') AND (lease_expires_at IS NULL OR lease_expires_at <= $3) ORDER BY sequence LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *`, [owner, leaseExpiresAt, now, limit])).rows.map(rowToRecord) } : full0;
  const t: Record<string, number> = {};
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const wrap = (name: string, fn: any) => async (...a: any[]) => { const s = cpu(); try { return await fn(...a); } finally { t[name] = (t[name] ?? 0) + cpu() - s; } };
  const store: UndoLogStore = { ...full, claimExpired: wrap('claim', full.claimExpired), updateMany: wrap('updateMany', full.updateMany!), update: wrap('update', full.update) };
  const log = createUndoLog({ store, clock: createManualClock(now), actions: [refund], limit: undefined as never } as any);
  const limit = Number(process.env.LIMIT ?? 100);
  const started = cpu(); let n = 0;
  for (;;) { const { records } = await log.recover({ limit }); if (!records.length) break; n += records.length; }
  console.log(label, 'limit', limit, 'total', ((cpu() - started) / 1000).toFixed(2), 's cpu', Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / 1000).toFixed(2)])), n);
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
}
const db = new PGlite(); await run(createPgliteClient(db), 'pglite'); await db.close();
if (!process.env.ONLY) { const pool = new pg.Pool({ connectionString: process.env.GUARDLOOP_TEST_DATABASE_URL, max: 4 }); await run(createPgClient(pool), 'server'); await pool.end(); }
