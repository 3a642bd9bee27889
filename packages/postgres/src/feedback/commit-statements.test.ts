import { createManualClock } from '@guardloop/core';
import { createOutcomeRecorder, type OutcomeInput } from '@guardloop/feedback';
import { fixtureDay } from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/sql-client';
import { type RecordedStatement, recordingClient } from '../test-support/query-plans';
import { type TestDatabase, useTestDatabase } from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const at = fixtureDay + 3_600_000;

/** Statements sent, a transaction counting as its BEGIN and COMMIT too. */
function countingClient(inner: SqlClient) {
  const statements: RecordedStatement[] = [];
  let transactions = 0;
  const recording = recordingClient(inner, statements);
  const client: SqlClient = {
    query: recording.query,
    transaction: (work, options) => {
      transactions += 1;
      return recording.transaction(work, options);
    },
  };
  return { client, count: () => statements.length + 2 * transactions };
}

const decision = (traceId: string, n: number): OutcomeInput => ({
  id: `${traceId}-${n}`,
  traceId,
  type: 'decision',
  verdict: 'allow',
  at: at + n,
  category: 'billing',
});
const csat = (traceId: string, n: number): OutcomeInput => ({
  id: `${traceId}-${n}`,
  traceId,
  type: 'csat',
  score: 1 + (n % 5),
  at: at + n,
});

async function setUp(database: TestDatabase) {
  const counting = countingClient(await database.client());
  const store = createPostgresFeedbackStore({
    client: counting.client,
    schema: await database.newSchema(),
  });
  const recorder = createOutcomeRecorder({ store, clock: createManualClock(at + 1_000) });
  // The first commit of a store asks the server for its default isolation, once.
  await recorder.record(decision('warm-up', 0));
  return { recorder, store, count: counting.count };
}

describe('round trips of the PostgreSQL feedback store', () => {
  const database = useTestDatabase('pglite', 'feedback_statements');

  it('records an outcome with one statement on a trace it wrote or a new one, two on others', async () => {
    const { recorder, store, count } = await setUp(database);
    const before = count();
    await recorder.record(decision('t1', 0));
    await recorder.record(csat('t1', 1));
    await recorder.record(csat('t1', 2));
    expect(count() - before).toBe(3);
    // A trace another recorder wrote: read it first.
    const other = createOutcomeRecorder({ store, clock: createManualClock(at + 1_000) });
    const next = count();
    await other.record(csat('t1', 3));
    expect(count() - next).toBe(2);
  });

  it('commits a human review with its breakdowns in the same one statement', async () => {
    const { recorder, store, count } = await setUp(database);
    await recorder.record(decision('t1', 0));
    const before = count();
    await recorder.record({
      id: 'review',
      traceId: 't1',
      type: 'human_decision',
      escalationId: 'e1',
      decision: 'approved',
      reviewer: 'ana',
      rail: 'refund-limit',
      action: 'refund',
      decideMs: 60_000,
      slaBreached: false,
      at: at + 10,
    });
    expect(count() - before).toBe(1);
    const [row] = await store.queryAggregates({ segment: { category: 'billing' } });
    expect(row?.breakdowns?.length).toBe(2);
  });

  it('records 300 outcomes on 40 new traces with one statement, and with two on traces it did not write', async () => {
    const { recorder, store, count } = await setUp(database);
    const inputs = Array.from({ length: 40 }, (_, trace) =>
      Array.from({ length: 300 / 40 + 1 }, (_, n) =>
        n === 0 ? decision(`b${trace}`, n) : csat(`b${trace}`, n),
      ),
    )
      .flat()
      .slice(0, 300);
    const before = count();
    const results = await recorder.recordMany(inputs);
    expect(count() - before).toBe(1);
    expect(results.map((result) => result.status)).toEqual(inputs.map(() => 'recorded'));
    expect((await store.getTrace('b0'))?.outcomes).toBe(8);
    const other = createOutcomeRecorder({ store, clock: createManualClock(at + 1_000) });
    const next = count();
    await other.recordMany(Array.from({ length: 40 }, (_, trace) => csat(`b${trace}`, 20)));
    expect(count() - next).toBe(2);
  });
});
