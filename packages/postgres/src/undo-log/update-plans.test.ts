import { createUndoLog, defineAction } from '@guardloop/undo-log';
import { newTestRecord } from '@guardloop/undo-log/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { indexesOf, type RecordedStatement, recordingClient } from '../test-support/query-plans';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';
import { undoLogColumns } from './undo-log-columns';

const noop = defineAction({
  name: 'noop',
  input: z.object({ n: z.number() }),
  reversible: true,
  do: (input) => input,
  undo: () => {},
});

/** Every node type in a JSON plan. */
function nodeTypesOf(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(nodeTypesOf);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Node Type'] === 'string' ? [node['Node Type']] : [];
  return [...own, ...Object.values(node).flatMap(nodeTypesOf)];
}

const literal = (value: unknown) =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : `'${String(value).replaceAll("'", "''")}'`;

function planSuite(database: TestDatabase) {
  // A prepared statement may run a generic plan made once, while the table was empty, for as
  // long as the session lives (PGlite never analyzes): it must not depend on the table's size.
  it('keeps a new action on the unique indexes with a plan made on an empty table', async () => {
    const statements: RecordedStatement[] = [];
    const client = recordingClient(await database.client(), statements);
    const schema = await database.newSchema();
    const log = createUndoLog({
      store: createPostgresUndoLogStore({ client, schema }),
      actions: [noop],
    });
    await log.run(
      noop,
      { n: 1 },
      { idempotencyKey: 'k', traceId: 't', actor: { id: 'a', type: 'system' } },
    );
    const prepared = statements.filter((statement) => statement.prepare);
    expect(prepared.map((statement) => statement.text.split(' ')[0])).toEqual(['INSERT', 'UPDATE']);
    const [, update] = prepared;
    if (!update) throw new Error('no update');
    const plan = await client.transaction(async (session) => {
      await session.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await session.query(`PREPARE guardloop_plan_probe AS ${update.text}`);
      const { rows } = await session.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) EXECUTE guardloop_plan_probe(${update.params.map(literal).join(', ')})`,
      );
      await session.query('DEALLOCATE guardloop_plan_probe');
      return rows[0]?.['QUERY PLAN'];
    });
    expect(indexesOf(plan)).toEqual(['guardloop_undo_log_id_key']);
    expect(nodeTypesOf(plan)).not.toContain('Seq Scan');
  });

  // Regression: joined only on its recordset, a batch settlement of recovery read the whole
  // never-analyzed table (Seq Scan, Hash Join) for every batch.
  it('settles a batch through the id index on a table never analyzed', async () => {
    const statements: RecordedStatement[] = [];
    const client = recordingClient(await database.client(), statements);
    const schema = await database.newSchema();
    const store = createPostgresUndoLogStore({ client, schema });
    // Enough rows that reading them all costs more than three index probes on any planner.
    const records = Array.from({ length: 2_000 }, () => newTestRecord({ leaseOwner: 'crashed' }));
    const table = `"${schema}"."guardloop_undo_log"`;
    const fields = Object.keys(undoLogColumns) as (keyof typeof undoLogColumns)[];
    const columns = fields.map((field) => undoLogColumns[field].column).join(', ');
    const rows = records.map((record) =>
      Object.fromEntries(fields.map((field) => [undoLogColumns[field].column, record[field]])),
    );
    await client.query(
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
    const ids = records.map((record) => record.id);
    statements.length = 0;
    const settle = (id: string) => ({
      id,
      expect: { statuses: ['pending'] as const, leaseOwner: 'crashed' },
      set: { status: 'undone' as const, leaseOwner: null, updatedAt: 5 },
    });
    expect(await store.updateMany?.(ids.slice(0, 3).map(settle))).toEqual([true, true, true]);
    const [batch] = statements;
    if (!batch) throw new Error('no settlement');
    const explained = await client.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) ${batch.text}`,
      batch.params,
    );
    const plan = explained.rows[0]?.['QUERY PLAN'];
    expect(indexesOf(plan)).toContain('guardloop_undo_log_id_key');
    expect(nodeTypesOf(plan)).not.toContain('Seq Scan');
  });
}

describe('undo-log update plans on PGlite', () => {
  planSuite(useTestDatabase('pglite', 'undo_plans'));
});

describeWithPostgres('undo-log update plans on a PostgreSQL server', () => {
  planSuite(useTestDatabase('postgres', 'undo_plans'));
});
