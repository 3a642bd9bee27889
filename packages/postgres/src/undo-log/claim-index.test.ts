import { newTestRecord } from '@guardloop/undo-log/test';
import { describe, expect, it } from 'vitest';
import { indexesOf, type RecordedStatement, recordingClient } from '../test-support/query-plans';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

/** Every node type in a JSON plan. */
function nodeTypesOf(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(nodeTypesOf);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Node Type'] === 'string' ? [node['Node Type']] : [];
  return [...own, ...Object.values(node).flatMap(nodeTypesOf)];
}

const claim = { statuses: ['pending', 'undoing'] as const, owner: 'r', leaseExpiresAt: 9 };

function indexSuite(database: TestDatabase) {
  it('claims through the partial index of unfinished records, however many are finished', async () => {
    const statements: RecordedStatement[] = [];
    const client = recordingClient(await database.client(), statements);
    const schema = await database.newSchema();
    const store = createPostgresUndoLogStore({ client, schema });
    await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
    statements.length = 0;
    expect(await store.claimExpired({ ...claim, now: 5, limit: 10 })).toHaveLength(1);
    expect(statements.map((statement) => statement.text)).toEqual([
      expect.stringContaining(`"${schema}"."guardloop_undo_log_claim"(`),
    ]);
    expect(await store.claimExpired({ ...claim, statuses: [], now: 5, limit: 10 })).toEqual([]);
    expect(
      await store.claimExpired({ ...claim, statuses: ['undoing'], now: 5, limit: 10 }),
    ).toEqual([]);
  });

  // Regression: inline, a table without statistics (PGlite never has any) got a bitmap scan
  // that read and sorted every unfinished record for each batch of a recovery.
  it('walks the index in sequence order without sorting, on a table never analyzed', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const store = createPostgresUndoLogStore({ client, schema });
    const ids: string[] = [];
    for (let index = 0; index < 200; index++) {
      const { record } = await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
      ids.push(record.id);
    }
    const { rows } = await client.query<{ prosrc: string; proconfig: string[] | null }>(
      `SELECT p.prosrc, p.proconfig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND p.proname = 'guardloop_undo_log_claim'`,
      [schema],
    );
    const [definition] = rows;
    if (!definition) throw new Error('no claim function');
    expect(definition.proconfig).toEqual(['enable_sort=off']);
    // The function's statement, run as the function runs it: its settings, its parameters.
    const body = ['p_owner', 'p_lease_expires_at', 'p_now', 'p_limit', 'p_statuses'].reduce(
      (text, name, index) => text.replaceAll(name, `$${index + 1}`),
      definition.prosrc,
    );
    const plan = await client.transaction(async (transaction) => {
      for (const setting of definition.proconfig ?? []) {
        const [name, value] = setting.split('=');
        await transaction.query(`SET LOCAL ${name} = ${value}`);
      }
      const explained = await transaction.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) ${body}`,
        ['r', 9, 5, 10, ['pending', 'undoing']],
      );
      return explained.rows[0]?.['QUERY PLAN'];
    });
    expect(indexesOf(plan)).toContain('guardloop_undo_log_unfinished');
    expect(nodeTypesOf(plan)).not.toContain('Sort');
    expect(nodeTypesOf(plan)).not.toContain('Bitmap Heap Scan');
    const claimed = await store.claimExpired({ ...claim, now: 5, limit: 10 });
    expect(claimed.map((record) => record.id)).toEqual(ids.slice(0, 10));
  });

  it('claims statuses outside the partial index inline', async () => {
    const client = await database.client();
    const store = createPostgresUndoLogStore({ client, schema: await database.newSchema() });
    await store.insert(newTestRecord({ status: 'failed', leaseExpiresAt: 1 }));
    await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
    const claimed = await store.claimExpired({
      ...claim,
      statuses: ['failed', 'pending'],
      now: 5,
      limit: 10,
    });
    expect(claimed.map((record) => record.status)).toEqual(['failed', 'pending']);
  });
}

describe('undo-log claim plan on PGlite', () => {
  indexSuite(useTestDatabase('pglite', 'undo_claim_index'));
});

describeWithPostgres('undo-log claim plan on a PostgreSQL server', () => {
  indexSuite(useTestDatabase('postgres', 'undo_claim_index_real'));
});
