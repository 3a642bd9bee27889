import { expect, it } from 'vitest';
import type { BreakdownRow } from '../schemas/breakdown-counters';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { AggregateRow } from '../store/feedback-store';
import {
  type CreateStore,
  commitEvent,
  commitFor,
  fixtureDay,
  outcomeEvent,
} from './contract-fixtures';

const at = fixtureDay + 7_200_000;
/** Review-only traces count no resolutions (nor ticket SLA runs) under their keys. */
const noResolutions = {
  resolved: 0,
  firstContactResolved: 0,
  reopened: 0,
  ticketSlaRuns: 0,
  ticketSlaBreached: 0,
};
const common = {
  at,
  recordedAt: at,
  category: 'billing',
  channel: 'email',
  queue: 'tier-1',
  flags: [],
};
const review = (overrides: Partial<OutcomeEvent> & { id: string; traceId: string }) =>
  ({
    ...common,
    type: 'human_decision',
    escalationId: 'e1',
    decision: 'rejected',
    reviewer: 'reviewer-1',
    rail: 'refund-limit',
    action: 'refund',
    acknowledgeMs: 12_000,
    decideMs: 90_000,
    slaBreached: false,
    diff: { amount: [40, 20], note: null },
    reason: 'over the limit',
    ...overrides,
  }) as OutcomeEvent;

const byKey = (a: BreakdownRow, b: BreakdownRow) =>
  `${a.dimension}:${a.key}` < `${b.dimension}:${b.key}` ? -1 : 1;
const breakdownsOf = (rows: AggregateRow[]) =>
  rows.map((row) => ({ queue: row.queue, breakdowns: [...(row.breakdowns ?? [])].sort(byKey) }));

/** Human decisions and SLA breaches: their outcomes, review state and per-key aggregates. */
export function humanReviewContract(createStore: CreateStore): void {
  it('keeps human decisions, SLA breaches and the review state exactly', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 'd1', traceId: 't1' }));
    const breach = {
      ...common,
      id: 'b1',
      traceId: 't1',
      type: 'sla_breached',
      escalationId: 'e1',
      deadline: 'acknowledge',
      lateMs: 3000,
    } as OutcomeEvent;
    await commitEvent(store, breach);
    const decided = review({ id: 'h1', traceId: 't1' });
    const result = await commitEvent(store, decided);
    expect(result).toEqual({
      status: 'recorded',
      outcome: { ...decided, sequence: expect.any(Number) },
    });
    expect(await store.getOutcome('b1')).toEqual({ ...breach, sequence: expect.any(Number) });
    expect(await store.getOutcome('h1')).toEqual({ ...decided, sequence: expect.any(Number) });
    const trace = await store.getTrace('t1');
    expect(trace).toMatchObject({
      overridden: true,
      humanReviews: [
        {
          escalationId: 'e1',
          decision: 'rejected',
          rail: 'refund-limit',
          action: 'refund',
          acknowledgeMs: 12_000,
          decideMs: 90_000,
          slaBreached: true,
        },
      ],
    });
    // Copies out: changing what was read changes nothing stored.
    const [read] = trace?.humanReviews ?? [];
    if (read) read.decision = 'approved';
    expect((await store.getTrace('t1'))?.humanReviews?.[0]?.decision).toBe('rejected');
  });

  it('adds the per-rail and per-action counters of each bucket', async () => {
    const store = await createStore();
    await commitEvent(store, review({ id: 'h1', traceId: 't1' }));
    await commitEvent(
      store,
      review({ id: 'h2', traceId: 't2', decision: 'approved', rail: 'pii' }),
    );
    await commitEvent(store, outcomeEvent({ id: 'd3', traceId: 't3' }));
    const rows = await store.queryAggregates({});
    expect(rows.reduce((sum, row) => sum + row.counters.humanDecisions, 0)).toBe(2);
    expect(rows.reduce((sum, row) => sum + row.counters.decideMsBucket04, 0)).toBe(2);
    const one = { ...noResolutions, reviews: 1, approvedWithEdits: 0, slaBreached: 0 };
    expect(breakdownsOf(rows)).toEqual([
      {
        queue: 'tier-1',
        breakdowns: [
          {
            dimension: 'action',
            key: 'refund',
            counters: { ...one, reviews: 2, approved: 1, rejected: 1 },
          },
          { dimension: 'rail', key: 'pii', counters: { ...one, approved: 1, rejected: 0 } },
          {
            dimension: 'rail',
            key: 'refund-limit',
            counters: { ...one, approved: 0, rejected: 1 },
          },
        ],
      },
    ]);
    expect(await store.queryAggregates({ segment: { queue: 'none' } })).toEqual([]);
  });

  it('rejects per-key deltas that not every store can keep', async () => {
    const store = await createStore();
    const commit = commitFor(undefined, review({ id: 'h1', traceId: 't1' }));
    const [delta] = commit.aggregateDeltas;
    const [keyed] = delta?.breakdowns ?? [];
    if (!delta || !keyed) throw new Error('fixture without a breakdown delta');
    for (const breakdown of [
      { ...keyed, key: 'a\u0000b' },
      { ...keyed, key: 'k'.repeat(129) },
      { ...keyed, dimension: 'queue' },
      { ...keyed, counters: { reviews: 0.5 } },
      { ...keyed, counters: { unknown: 1 } },
    ]) {
      const bad = { ...commit, aggregateDeltas: [{ ...delta, breakdowns: [breakdown] }] };
      await expect(store.commitOutcome(bad as never)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    expect(await store.getTrace('t1')).toBeUndefined();
  });

  it('moves the per-key counters with a trace that changes bucket', async () => {
    const store = await createStore();
    await commitEvent(store, review({ id: 'h1', traceId: 't1' }));
    await commitEvent(store, review({ id: 'h2', traceId: 't2' }));
    await commitEvent(
      store,
      outcomeEvent({
        id: 'r1',
        traceId: 't1',
        type: 'routed',
        queue: 'tier-2',
        overridden: false,
      } as never),
    );
    const rows = breakdownsOf(await store.queryAggregates({}));
    const counters = {
      ...noResolutions,
      reviews: 1,
      approved: 0,
      approvedWithEdits: 0,
      rejected: 1,
      slaBreached: 0,
    };
    const keys = [
      { dimension: 'action', key: 'refund', counters },
      { dimension: 'rail', key: 'refund-limit', counters },
    ];
    expect(rows.sort((a, b) => (a.queue < b.queue ? -1 : 1))).toEqual([
      { queue: 'tier-1', breakdowns: keys },
      { queue: 'tier-2', breakdowns: keys },
    ]);
  });
}
