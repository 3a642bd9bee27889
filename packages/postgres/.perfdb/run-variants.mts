import { PGlite } from '@electric-sql/pglite';
import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import { z } from 'zod';
import { createPgliteClient } from '../src/client/create-pglite-client';
import { migrate } from '../src/migrations/migrate';
import { createPostgresUndoLogStore } from '../src/undo-log/postgres-undo-log-store';
import { placeholder, toParameter, type UndoLogColumnField, undoLogColumns } from '../src/undo-log/undo-log-columns';
const db = new PGlite(); const client = createPgliteClient(db); await migrate(client, {});
const table = '"public"."guardloop_undo_log"';
const fields = Object.keys(undoLogColumns) as UndoLogColumnField[];
const columns = fields.map((f) => undoLogColumns[f].column).join(', ');
const values = fields.map((f, i) => placeholder(f, i + 1)).join(', ');
const cpu = process.env.WALL ? () => performance.now() : () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const store = createPostgresUndoLogStore({ client });
const noop = defineAction({ name: 'noop', input: z.object({ n: z.number() }), reversible: true, do: (i) => ({ n: i.n }), undo: () => {} });
const log = createUndoLog({ store, actions: [noop] });
let n = 0;
const variants: Record<string, () => Promise<unknown>> = {
  floor: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await db.query(`INSERT INTO ${table} (${columns}) VALUES (${values})`, fields.map((f) => toParameter(f, (r as any)[f]))); await db.query(`UPDATE ${table} SET status = 'done', result = $2::jsonb, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE id = $1`, [r.id, JSON.stringify({ n }), Date.now()]); },
  floorClient: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await client.query(`INSERT INTO ${table} (${columns}) VALUES (${values})`, fields.map((f) => toParameter(f, (r as any)[f]))); await client.query(`UPDATE ${table} SET status = 'done', result = $2::jsonb, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE id = $1`, [r.id, JSON.stringify({ n }), Date.now()]); },
  storeInsertOnly: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await store.insert(r); },
  floorInsertOnly: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await db.query(`INSERT INTO ${table} (${columns}) VALUES (${values}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING sequence`, fields.map((f) => toParameter(f, (r as any)[f]))); },
  insertOnConflict: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await db.query(`INSERT INTO ${table} (${columns}) VALUES (${values}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING sequence`, fields.map((f) => toParameter(f, (r as any)[f]))); await db.query(`UPDATE ${table} SET status = 'done', result = $2::jsonb, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE id = $1`, [r.id, JSON.stringify({ n }), Date.now()]); },
  casUpdate: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await db.query(`INSERT INTO ${table} (${columns}) VALUES (${values})`, fields.map((f) => toParameter(f, (r as any)[f]))); await db.query(`UPDATE ${table} SET status = $3, result = $4::jsonb, error = $5::jsonb, attempts = $6, lease_owner = $7, lease_expires_at = $8, updated_at = $9 WHERE id = $1 AND status = ANY($2::text[]) AND lease_owner IS NOT DISTINCT FROM $10::text RETURNING id`, [r.id, ['pending'], 'done', JSON.stringify({ n }), null, 1, null, null, Date.now(), r.leaseOwner]); },
  store: async () => { const r = newTestRecord({ actionName: 'noop', input: { n: ++n } }); await store.insert(r); await store.updateMany!([{ id: r.id, expect: { statuses: ['pending'], leaseOwner: r.leaseOwner ?? undefined }, set: { status: 'done', result: { n }, error: null, attempts: 1, leaseOwner: null, leaseExpiresAt: null, updatedAt: Date.now() } }]); },
  run: async () => { n++; await log.run(noop, { n }, { idempotencyKey: `k-${n}`, traceId: 'b', actor: { id: 'b', type: 'system' } }); },
};
for (const name of Object.keys(variants)) for (let i = 0; i < 100; i++) await variants[name]!();
const totals: Record<string, number[]> = {};
for (let round = 0; round < 6; round++) {
  for (const name of round % 2 ? Object.keys(variants).reverse() : Object.keys(variants)) {
    const s = cpu(); for (let i = 0; i < 200; i++) await variants[name]!(); (totals[name] ??= []).push((cpu() - s) / 200);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
for (const [k, v] of Object.entries(totals)) console.log(k.padEnd(18), med(v).toFixed(3), 'ms cpu/action', 'ratio vs floor', (med(totals.floor!) / med(v)).toFixed(2));
