import { expect, it } from 'vitest';
import { outcomeEventSchema } from '../schemas/outcome-event';
import { traceStateSchema } from '../schemas/trace-state';
import { type CreateStore, commitEvent, commitFor, outcomeEvent } from './contract-fixtures';

/** commitOutcome semantics: insert, duplicate, compare-and-set, copies. */
export function outcomeCommitContract(createStore: CreateStore): void {
  it('records an outcome, its trace and a sequence', async () => {
    const store = await createStore();
    const event = outcomeEvent({ id: 'o1', traceId: 't1', ticketId: 'k1', data: { note: 'x' } });
    const result = await commitEvent(store, event);
    expect(result).toEqual({
      status: 'recorded',
      outcome: { ...event, sequence: expect.any(Number) },
    });
    expect(await store.getOutcome('o1')).toEqual(
      result.status === 'recorded' ? result.outcome : undefined,
    );
    const trace = await store.getTrace('t1');
    expect(traceStateSchema.parse(trace)).toEqual(commitFor(undefined, event).trace);
    expect(outcomeEventSchema.parse(await store.getOutcome('o1'))).toMatchObject(event);
    expect(await store.getOutcome('missing')).toBeUndefined();
    expect(await store.getTrace('missing')).toBeUndefined();
  });

  it('assigns increasing sequences', async () => {
    const store = await createStore();
    const sequences: number[] = [];
    for (const id of ['o1', 'o2', 'o3']) {
      const result = await commitEvent(store, outcomeEvent({ id, traceId: id }));
      if (result.status === 'recorded') sequences.push(result.outcome.sequence);
    }
    expect(sequences).toHaveLength(3);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(3);
  });

  it('reports a duplicate id without writing anything', async () => {
    const store = await createStore();
    const first = outcomeEvent({ id: 'o1', traceId: 't1' });
    await commitEvent(store, first);
    const trace = await store.getTrace('t1');
    const rows = await store.queryAggregates({});
    const again = await store.commitOutcome(commitFor(trace, { ...first, at: first.at + 1 }));
    expect(again).toEqual({ status: 'duplicate', outcome: await store.getOutcome('o1') });
    expect(await store.getTrace('t1')).toEqual(trace);
    expect(await store.queryAggregates({})).toEqual(rows);
  });

  it('reports a conflict when the trace revision moved, without writing anything', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 'o1', traceId: 't1' }));
    const stale = commitFor(undefined, outcomeEvent({ id: 'o2', traceId: 't1' }));
    expect(await store.commitOutcome(stale)).toEqual({ status: 'conflict' });
    const trace = await store.getTrace('t1');
    const wrong = {
      ...commitFor(trace, outcomeEvent({ id: 'o3', traceId: 't1' })),
      expectedTraceRevision: 7,
    };
    expect(await store.commitOutcome(wrong)).toEqual({ status: 'conflict' });
    expect(await store.getOutcome('o2')).toBeUndefined();
    expect(await store.getOutcome('o3')).toBeUndefined();
    expect(await store.getTrace('t1')).toEqual(trace);
  });

  it('returns copies: changing a result does not change the store', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 'o1', traceId: 't1' }));
    const outcome = await store.getOutcome('o1');
    const trace = await store.getTrace('t1');
    if (outcome) outcome.flags.push('unknown_trace');
    if (trace) trace.queue = 'changed';
    const [row] = await store.queryAggregates({});
    if (row) row.counters.traces = 99;
    expect((await store.getOutcome('o1'))?.flags).toEqual([]);
    expect((await store.getTrace('t1'))?.queue).toBe('tier-1');
    expect((await store.queryAggregates({}))[0]?.counters.traces).toBe(1);
  });
}
