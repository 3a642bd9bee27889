import { expect, it } from 'vitest';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { TraceState } from '../schemas/trace-state';
import type { FeedbackStore, OutcomeCommit } from '../store/feedback-store';
import { readAllPages } from '../store/page';
import { type CreateStore, commitEvent, commitFor, outcomeEvent } from './contract-fixtures';

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

const csat = (id: string, traceId: string, score: number) =>
  outcomeEvent({ id, traceId, type: 'csat', score } as Parameters<typeof outcomeEvent>[0]);

async function contents(store: FeedbackStore) {
  const outcomes = await readAllPages((cursor) => store.listOutcomes(cursor ? { cursor } : {}));
  const traces = await readAllPages((cursor) => store.listTraces(cursor ? { cursor } : {}));
  // Buckets come in any order.
  const aggregates = (await store.queryAggregates({})).sort((a, b) =>
    JSON.stringify([a.category, a.queue]) < JSON.stringify([b.category, b.queue]) ? -1 : 1,
  );
  return { outcomes, traces, aggregates };
}

const events = () => [
  outcomeEvent({ id: 'a1', traceId: 'ta' }),
  outcomeEvent({ id: 'b1', traceId: 'tb', category: 'shipping' }),
  csat('a2', 'ta', 4),
  csat('a3', 'ta', 2),
];

/** `commitOutcomes` and `getTraces`. */
export function batchCommitContract(createStore: CreateStore): void {
  it('records chained commits of several traces as the same commits one at a time', async () => {
    const batched = await createStore();
    const single = await createStore();
    const results = await batched.commitOutcomes(await chain(batched, events()));
    expect(results.map((result) => result.status)).toEqual(events().map(() => 'recorded'));
    for (const event of events()) await commitEvent(single, event);
    expect(await contents(batched)).toEqual(await contents(single));
    const sequences = results.map((result) => ('outcome' in result ? result.outcome.sequence : 0));
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  });

  it('writes none of a trace whose outcome is stored or whose revision moved, all of the others', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 'a1', traceId: 'ta' }));
    await commitEvent(store, outcomeEvent({ id: 'c1', traceId: 'tc' }));
    const before = await contents(store);
    const stale = commitFor(undefined, csat('c2', 'tc', 5));
    const commits = [
      ...(await chain(store, [outcomeEvent({ id: 'a1', traceId: 'ta' }), csat('a2', 'ta', 4)])),
      stale,
      ...(await chain(store, [outcomeEvent({ id: 'b1', traceId: 'tb' })])),
    ];
    const results = await store.commitOutcomes(commits);
    expect(results.map((result) => result.status)).toEqual([
      'duplicate',
      'conflict',
      'conflict',
      'recorded',
    ]);
    expect(results[0]).toMatchObject({ outcome: { id: 'a1', sequence: 1 } });
    const after = await contents(store);
    expect(after.outcomes.map((outcome) => outcome.id)).toEqual(['a1', 'c1', 'b1']);
    expect(after.traces.filter((trace) => trace.traceId !== 'tb')).toEqual(before.traces);
    expect(await store.getTrace('tb')).toEqual((commits[3] as OutcomeCommit).trace);
  });

  it('takes an empty batch and reads many traces at once', async () => {
    const store = await createStore();
    expect(await store.commitOutcomes([])).toEqual([]);
    await commitEvent(store, outcomeEvent({ id: 'a1', traceId: 'ta' }));
    const traces = await store.getTraces(['missing', 'ta', 'ta']);
    expect(traces.map((trace) => trace?.traceId)).toEqual([undefined, 'ta', 'ta']);
    expect(await store.getTraces([])).toEqual([]);
  });
}
