import type { FeedbackStore, OutcomeCommit, OutcomeEvent, TraceState } from '@guardloop/feedback';
import { commitFor, outcomeEvent } from '@guardloop/feedback/test';
import { describe, expect, it } from 'vitest';
import {
  describeWithPostgres,
  type TestDatabase,
  useTestDatabase,
} from '../test-support/test-databases';
import { commitStatements, sizeClassOf } from './build-commit-statement';
import { feedbackTables } from './feedback-tables';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

const csat = (id: string, traceId: string, score: number) =>
  outcomeEvent({ id, traceId, type: 'csat', score } as Parameters<typeof outcomeEvent>[0]);

/** Chained commits of `events` (in order, per trace) onto the traces stored now. */
async function chain(store: FeedbackStore, events: OutcomeEvent[]): Promise<OutcomeCommit[]> {
  const traces = new Map<string, TraceState | undefined>();
  const commits: OutcomeCommit[] = [];
  for (const event of events) {
    if (!traces.has(event.traceId)) traces.set(event.traceId, await store.getTrace(event.traceId));
    const commit = commitFor(traces.get(event.traceId), event);
    traces.set(event.traceId, commit.trace);
    commits.push(commit);
  }
  return commits;
}

/** Every `recorded` result carries the sequence the store kept for its outcome. */
async function expectStoredSequences(
  store: FeedbackStore,
  results: Awaited<ReturnType<FeedbackStore['commitOutcomes']>>,
) {
  for (const result of results) {
    if (result.status !== 'recorded') continue;
    expect((await store.getOutcome(result.outcome.id))?.sequence).toBe(result.outcome.sequence);
  }
}

function statementSuite(database: TestDatabase) {
  async function setUp() {
    const client = await database.client();
    const schema = await database.newSchema();
    return { client, schema, store: createPostgresFeedbackStore({ client, schema }) };
  }

  it('gives each outcome its own sequence when the batch mixes duplicates, stale and new traces', async () => {
    const { store } = await setUp();
    await store.commitOutcomes(
      await chain(store, [outcomeEvent({ id: 'a1', traceId: 'ta' }), csat('c1', 'tc', 3)]),
    );
    const [b1, a1, b2, a2, d1, d2] = await chain(store, [
      outcomeEvent({ id: 'b1', traceId: 'tb' }),
      csat('a1', 'ta', 5), // stored already: trace ta is not written
      csat('b2', 'tb', 4),
      csat('a2', 'ta', 4),
      outcomeEvent({ id: 'd1', traceId: 'td' }),
      csat('d2', 'td', 2),
    ]);
    const stale = commitFor(undefined, csat('c2', 'tc', 1)); // tc exists
    const commits = [b1, a1, b2, a2, d1, stale, d2] as OutcomeCommit[];
    const results = await store.commitOutcomes(commits);
    expect(results.map((result) => result.status)).toEqual([
      'recorded',
      'duplicate',
      'recorded',
      'conflict',
      'recorded',
      'conflict',
      'recorded',
    ]);
    await expectStoredSequences(store, results);
    expect(results[1]).toMatchObject({ outcome: { id: 'a1', type: 'decision' } });
    expect((await store.getTrace('ta'))?.revision).toBe(1);
  });

  it('maps sequences that are not consecutive (another writer took numbers in between)', async () => {
    const { client, schema, store } = await setUp();
    await client.query(
      `ALTER SEQUENCE "${schema}".guardloop_feedback_outcomes_sequence_seq INCREMENT BY 7`,
    );
    const results = await store.commitOutcomes(
      await chain(store, [
        outcomeEvent({ id: 'a1', traceId: 'ta' }),
        outcomeEvent({ id: 'b1', traceId: 'tb' }),
        csat('a2', 'ta', 4),
        csat('b2', 'tb', 2),
      ]),
    );
    expect(results.map((result) => result.status)).toEqual(results.map(() => 'recorded'));
    const sequences = results.map((result) => ('outcome' in result ? result.outcome.sequence : 0));
    expect(sequences.slice(1).map((sequence, index) => sequence - (sequences[index] ?? 0))).toEqual(
      [7, 7, 7],
    );
    await expectStoredSequences(store, results);
  });

  it('rewrites the flags of a stored outcome and of one of the same batch', async () => {
    const { store } = await setUp();
    await store.commitOutcomes(await chain(store, [outcomeEvent({ id: 'a1', traceId: 'ta' })]));
    const [second, third] = await chain(store, [csat('a2', 'ta', 4), csat('a3', 'ta', 5)]);
    if (!second || !third) throw new Error('chain without commits');
    const results = await store.commitOutcomes([
      second,
      {
        ...third,
        reflagged: [
          { id: 'a1', flags: ['already_resolved'] },
          { id: 'a2', flags: ['returned_without_deflection'] },
        ],
      },
    ]);
    expect(results.map((result) => result.status)).toEqual(['recorded', 'recorded']);
    expect((await store.getOutcome('a1'))?.flags).toEqual(['already_resolved']);
    expect((await store.getOutcome('a2'))?.flags).toEqual(['returned_without_deflection']);
    const flagged = await store.listOutcomes({ flag: 'returned_without_deflection' });
    expect(flagged.items.map((outcome) => outcome.id)).toEqual(['a2']);
    await expectStoredSequences(store, results);
  });

  it('reuses one statement text per shape of batch, across batches of other shapes', async () => {
    const { schema, store } = await setUp();
    const build = commitStatements(feedbackTables(schema));
    const created = build(await chain(store, [outcomeEvent({ id: 'x1', traceId: 'tx' })]));
    const again = build(await chain(store, [outcomeEvent({ id: 'y1', traceId: 'ty' })]));
    expect(again.text).toBe(created.text);
    expect(again.params).not.toEqual(created.params);
    // Recorded through the store: new traces, then follow-ups, then new traces again.
    for (const events of [
      [outcomeEvent({ id: 'x1', traceId: 'tx' })],
      [csat('x2', 'tx', 3)],
      [outcomeEvent({ id: 'y1', traceId: 'ty' })],
      [csat('x3', 'tx', 1), csat('y2', 'ty', 5)],
    ]) {
      const results = await store.commitOutcomes(await chain(store, events));
      expect(results.map((result) => result.status)).toEqual(events.map(() => 'recorded'));
      await expectStoredSequences(store, results);
    }
    const followUp = build(await chain(store, [csat('y3', 'ty', 2)]));
    expect(followUp.shape).not.toBe(created.shape);
    expect((await store.getTrace('tx'))?.csatResponses).toBe(2);
    const [row] = await store.queryAggregates({});
    expect(row?.counters).toMatchObject({ traces: 2, csatResponses: 3, csatScoreSum: 9 });
  });

  it('plans again (a new prepared text) each time a table has doubled, and records across it', async () => {
    const { client, schema, store } = await setUp();
    expect([0, 1023, 1024, 2047, 2048, 5000].map(sizeClassOf)).toEqual([0, 0, 1, 1, 2, 3]);
    const build = commitStatements(feedbackTables(schema));
    const commits = await chain(store, [outcomeEvent({ id: 'x0', traceId: 'tx' })]);
    expect(build(commits, '0.0').text).not.toBe(build(commits, '3.0').text);
    expect(build(commits, '3.0').text).toBe(build(commits, '3.0').text);
    await store.commitOutcomes(commits);
    await client.query(
      `ALTER SEQUENCE "${schema}".guardloop_feedback_outcomes_sequence_seq RESTART WITH 5000`,
    );
    for (const events of [[csat('x1', 'tx', 3)], [csat('x2', 'tx', 4)], [csat('x3', 'tx', 5)]]) {
      const results = await store.commitOutcomes(await chain(store, events));
      expect(results.map((result) => result.status)).toEqual(['recorded']);
      await expectStoredSequences(store, results);
    }
    expect((await store.getOutcome('x3'))?.sequence).toBe(5002);
    expect((await store.getTrace('tx'))?.csatResponses).toBe(3);
  });
}

describe('the commit statement on PGlite', () => {
  statementSuite(useTestDatabase('pglite', 'feedback_statement_pglite'));
});

describeWithPostgres('the commit statement on a PostgreSQL server', () => {
  statementSuite(useTestDatabase('postgres', 'feedback_statement'));
});
