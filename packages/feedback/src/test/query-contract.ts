import { expect, it } from 'vitest';
import { dayMs } from '../schemas/time-range';
import type { FeedbackStore } from '../store/feedback-store';
import { type CreateStore, commitEvent, fixtureDay, outcomeEvent } from './contract-fixtures';
import { pages, seed } from './contract-seed';

/** Listing outcomes and traces, and reading aggregates. */
export function queryContract(createStore: CreateStore): void {
  it('lists outcomes in sequence order with every filter', async () => {
    const store = await createStore();
    await seed(store);
    const ids = async (query: Parameters<FeedbackStore['listOutcomes']>[0]) =>
      (await store.listOutcomes(query)).items.map((outcome) => outcome.id);
    expect(await ids({})).toEqual(['a1', 'b1', 'a2', 'c1', 'b2', 'a3', 'c2']);
    expect(await ids({ traceId: 'ta' })).toEqual(['a1', 'a2', 'a3']);
    expect(await ids({ ticketId: 'k1' })).toEqual(['a1']);
    expect(await ids({ types: ['resolved', 'reopened'] })).toEqual(['a2', 'a3', 'c2']);
    expect(await ids({ from: fixtureDay + dayMs, to: fixtureDay + dayMs + 9 })).toEqual(['b1']);
    expect(await ids({ from: fixtureDay + dayMs })).toEqual(['b1', 'b2']);
    expect(await ids({ segment: { channel: 'chat' } })).toEqual(['c1', 'c2']);
    expect(await ids({ segment: { category: 'tech', channel: 'email' } })).toEqual(['b1', 'b2']);
    expect(await ids({ flag: 'unknown_trace' })).toEqual(['b2']);
  });

  it('pages outcomes: each once, in order, never more than the limit', async () => {
    const store = await createStore();
    await seed(store);
    const all = await pages((cursor) =>
      store.listOutcomes({ limit: 3, ...(cursor ? { cursor } : {}) }),
    );
    expect(all.map((page) => page.length).every((length) => length <= 3)).toBe(true);
    expect(all.flat().map((outcome) => outcome.id)).toEqual([
      'a1',
      'b1',
      'a2',
      'c1',
      'b2',
      'a3',
      'c2',
    ]);
    const filtered = await pages((cursor) =>
      store.listOutcomes({ traceId: 'ta', limit: 1, ...(cursor ? { cursor } : {}) }),
    );
    expect(filtered.flat().map((outcome) => outcome.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('lists traces: each once across pages, filtered by day and segment', async () => {
    const store = await createStore();
    await seed(store);
    const all = await pages((cursor) =>
      store.listTraces({ limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    expect(
      all
        .flat()
        .map((trace) => trace.traceId)
        .sort(),
    ).toEqual(['ta', 'tb', 'tc']);
    const firstDay = await store.listTraces({ fromDay: fixtureDay, toDay: fixtureDay + dayMs });
    expect(firstDay.items.map((trace) => trace.traceId).sort()).toEqual(['ta', 'tc']);
    const chat = await store.listTraces({ segment: { channel: 'chat' } });
    expect(chat.items.map((trace) => trace.traceId)).toEqual(['tc']);
  });

  it('adds aggregate deltas per day and segment, and filters them', async () => {
    const store = await createStore();
    await seed(store);
    const nonZero = (rows: Awaited<ReturnType<FeedbackStore['queryAggregates']>>) =>
      rows.filter((row) => Object.values(row.counters).some((value) => value !== 0));
    const rows = nonZero(await store.queryAggregates({}));
    const key = (row: (typeof rows)[number]) =>
      `${row.day - fixtureDay}/${row.category}/${row.channel}`;
    expect(rows.map(key).sort()).toEqual([
      `0/billing/chat`,
      `0/billing/email`,
      `${dayMs}/tech/email`,
    ]);
    const billingEmail = rows.find((row) => key(row) === '0/billing/email');
    expect(billingEmail?.counters).toMatchObject({
      traces: 1,
      decisions: 1,
      resolved: 1,
      reopened: 1,
      firstContactResolved: 0,
    });
    const tech = rows.find((row) => row.category === 'tech');
    expect(tech?.counters).toMatchObject({ traces: 1, csatResponses: 1, csatScoreSum: 5 });
    expect(nonZero(await store.queryAggregates({ fromDay: fixtureDay + dayMs })).map(key)).toEqual([
      `${dayMs}/tech/email`,
    ]);
    expect(
      nonZero(await store.queryAggregates({ toDay: fixtureDay + dayMs }))
        .map(key)
        .sort(),
    ).toEqual(['0/billing/chat', '0/billing/email']);
    expect(
      nonZero(await store.queryAggregates({ segment: { channel: 'chat', queue: 'tier-1' } })).map(
        key,
      ),
    ).toEqual(['0/billing/chat']);
    expect(await store.queryAggregates({ segment: { queue: 'none' } })).toEqual([]);
  });

  it('moves a trace between buckets with negative deltas', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 'o1', traceId: 't1' }));
    await commitEvent(
      store,
      outcomeEvent({ id: 'o2', traceId: 't1', type: 'routed', queue: 'tier-2', overridden: false }),
    );
    const rows = (await store.queryAggregates({})).filter((row) => row.counters.traces !== 0);
    expect(rows.map((row) => [row.queue, row.counters.traces, row.counters.decisions])).toEqual([
      ['tier-2', 1, 1],
    ]);
  });
}
