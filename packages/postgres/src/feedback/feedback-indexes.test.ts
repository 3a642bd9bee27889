import type { FeedbackStore } from '@guardloop/feedback';
import { commitEvent, fixtureDay, outcomeEvent } from '@guardloop/feedback/test';
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
import { createPostgresFeedbackStore } from './postgres-feedback-store';

function indexSuite(database: TestDatabase) {
  it('serves every single-field segment filter from an index', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    const statements: Statement[] = [];
    const store: FeedbackStore = createPostgresFeedbackStore({
      client: recordingClient(client, statements),
      schema,
    });
    for (let index = 0; index < 60; index++) {
      await commitEvent(
        store,
        outcomeEvent({
          id: `o${index}`,
          traceId: `t${index}`,
          category: `c${index % 5}`,
          channel: `ch${index % 3}`,
          queue: `q${index % 4}`,
          at: fixtureDay + index * 3_600_000,
        }),
      );
    }
    await client.query(`ANALYZE "${schema}".guardloop_feedback_outcomes`);
    await client.query(`ANALYZE "${schema}".guardloop_feedback_traces`);
    await client.query(`ANALYZE "${schema}".guardloop_feedback_aggregates`);

    const plans: Array<[string, () => Promise<unknown>, string]> = [
      [
        'outcomes by category',
        () => store.listOutcomes({ segment: { category: 'c1' } }),
        'guardloop_feedback_outcomes_category',
      ],
      [
        'outcomes by channel',
        () => store.listOutcomes({ segment: { channel: 'ch1' } }),
        'guardloop_feedback_outcomes_channel',
      ],
      [
        'outcomes by queue',
        () => store.listOutcomes({ segment: { queue: 'q1' } }),
        'guardloop_feedback_outcomes_queue',
      ],
      [
        'traces by category',
        () => store.listTraces({ segment: { category: 'c1' } }),
        'guardloop_feedback_traces_category',
      ],
      [
        'traces by channel',
        () => store.listTraces({ segment: { channel: 'ch1' } }),
        'guardloop_feedback_traces_channel',
      ],
      [
        'traces by queue',
        () => store.listTraces({ segment: { queue: 'q1' } }),
        'guardloop_feedback_traces_queue',
      ],
      [
        'aggregates by category',
        () => store.queryAggregates({ segment: { category: 'c1' } }),
        'guardloop_feedback_aggregates_category',
      ],
      [
        'aggregates by channel',
        () => store.queryAggregates({ segment: { channel: 'ch1' } }),
        'guardloop_feedback_aggregates_channel',
      ],
      [
        'aggregates by queue',
        () => store.queryAggregates({ segment: { queue: 'q1' } }),
        'guardloop_feedback_aggregates_queue',
      ],
    ];
    const found: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const [name, run, index] of plans) {
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
        return indexesOf(rows[0]?.['QUERY PLAN']).filter((used) => used === index);
      });
      expected[name] = [index];
    }
    expect(found).toEqual(expected);
  });
}

describe('feedback indexes on PGlite', () => {
  indexSuite(useTestDatabase('pglite', 'feedback_indexes'));
});

describeWithPostgres('feedback indexes on a PostgreSQL server', () => {
  indexSuite(useTestDatabase('postgres', 'feedback_indexes_real'));
});
