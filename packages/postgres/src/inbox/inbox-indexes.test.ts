import type { InboxStore } from '@guardloop/inbox';
import { newTestItem } from '@guardloop/inbox/test';
import { describe, expect, it } from 'vitest';
import {
  indexesOf,
  recordingClient,
  type RecordedStatement as Statement,
} from '../test-support/query-plans';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { createPostgresInboxStore } from './postgres-inbox-store';

function indexSuite(database: TestDatabase) {
  it('serves every list filter and the SLA query from an index', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const statements: Statement[] = [];
    const store: InboxStore = createPostgresInboxStore({
      client: recordingClient(client, statements),
      schema,
    });
    // Like a long-lived inbox: most items decided, few pending, fewer overdue.
    for (let index = 0; index < 200; index++) {
      await store.insert(
        newTestItem({
          status: index % 20 === 0 ? 'pending' : index % 2 ? 'approved' : 'rejected',
          queue: `q${index % 5}`,
          assignee: index % 13 === 0 ? `r${index % 3}` : null,
          acknowledgeBy: 1_000 + index * 100,
          decideBy: 50_000 + index * 100,
        }),
      );
    }
    await client.query(`ANALYZE "${schema}".guardloop_inbox_items`);
    const plans: Array<[string, () => Promise<unknown>, string[]]> = [
      [
        'by status',
        () => store.list({ statuses: ['pending'], limit: 10 }),
        ['guardloop_inbox_status'],
      ],
      [
        'by queue and status',
        () => store.list({ statuses: ['pending'], queue: 'q1', limit: 10 }),
        ['guardloop_inbox_queue'],
      ],
      [
        'by assignee',
        () => store.list({ assignee: 'r1', limit: 10 }),
        ['guardloop_inbox_assignee'],
      ],
      [
        'overdue (SLA)',
        () => store.list({ overdueAt: 1_010, limit: 10 }),
        ['guardloop_inbox_acknowledge_by', 'guardloop_inbox_decide_by'],
      ],
    ];
    const found: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const [name, run, indexes] of plans) {
      statements.length = 0;
      await run();
      const [statement] = statements;
      if (!statement) throw new Error(`${name}: no statement`);
      // A few rows would be scanned anyway; without a sequential scan only a fitting index helps.
      found[name] = await client.transaction(async (transaction) => {
        await transaction.query('SET LOCAL enable_seqscan = off');
        const { rows } = await transaction.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${statement.text}`,
          statement.params,
        );
        return [...new Set(indexesOf(rows[0]?.['QUERY PLAN']))]
          .filter((used) => indexes.includes(used))
          .sort();
      });
      expected[name] = indexes;
    }
    expect(found).toEqual(expected);
  });
}

describe('inbox indexes on PGlite', () => {
  indexSuite(useTestDatabase('pglite', 'inbox_indexes'));
});

describeWithPostgres('inbox indexes on a PostgreSQL server', () => {
  indexSuite(useTestDatabase('postgres', 'inbox_indexes_real'));
});
