import { newTestRecord } from '@guardloop/undo-log/test';
import { describe, expect, it } from 'vitest';
import { indexesOf, type RecordedStatement, recordingClient } from '../test-support/query-plans';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

function indexSuite(database: TestDatabase) {
  it('claims through the partial index of unfinished records, however many are finished', async () => {
    const statements: RecordedStatement[] = [];
    const client = recordingClient(await database.client(), statements);
    const store = createPostgresUndoLogStore({ client, schema: await database.newSchema() });
    await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
    statements.length = 0;
    const claim = { statuses: ['pending', 'undoing'] as const, owner: 'r', leaseExpiresAt: 9 };
    expect(await store.claimExpired({ ...claim, now: 5, limit: 10 })).toHaveLength(1);
    const [statement] = statements;
    if (!statement) throw new Error('no statement');
    const used = await client.transaction(async (transaction) => {
      await transaction.query('SET LOCAL enable_seqscan = off');
      const { rows } = await transaction.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) ${statement.text}`,
        statement.params,
      );
      return indexesOf(rows[0]?.['QUERY PLAN']);
    });
    expect(used).toContain('guardloop_undo_log_unfinished');
    expect(await store.claimExpired({ ...claim, statuses: [], now: 5, limit: 10 })).toEqual([]);
  });
}

describe('undo-log claim plan on PGlite', () => {
  indexSuite(useTestDatabase('pglite', 'undo_claim_index'));
});

describeWithPostgres('undo-log claim plan on a PostgreSQL server', () => {
  indexSuite(useTestDatabase('postgres', 'undo_claim_index_real'));
});
