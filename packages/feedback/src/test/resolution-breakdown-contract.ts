import { expect, it } from 'vitest';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { AggregateRow } from '../store/feedback-store';
import { type CreateStore, commitEvent, commitFor, outcomeEvent } from './contract-fixtures';

const decision = (traceId: string, hypothesisId: string, proposedAction?: string) =>
  outcomeEvent({
    id: `${traceId}:d`,
    traceId,
    hypothesisId,
    ...(proposedAction ? { proposedAction } : {}),
  } as Partial<OutcomeEvent> & { id: string; traceId: string });

const follow = (traceId: string, id: string, type: string, extra: object = {}) =>
  outcomeEvent({ id, traceId, type, ...extra } as never);

/** Sums each (dimension, key)'s counters over the rows. */
function totals(rows: readonly AggregateRow[]) {
  const sums: Record<string, Record<string, number>> = {};
  for (const row of rows)
    for (const { dimension, key, counters } of row.breakdowns ?? []) {
      const id = `${dimension}:${key}`;
      const sum = sums[id] ?? {};
      sums[id] = sum;
      for (const [name, value] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + value;
    }
  return sums;
}

/**
 * Resolutions per action and hypothesis: what lets a playbook say "resolved 41 of 47 similar
 * tickets without reopen" from the aggregates.
 */
export function resolutionBreakdownContract(createStore: CreateStore) {
  it('counts resolved, first-contact and reopened traces per hypothesis and action', async () => {
    const store = await createStore();
    await commitEvent(store, decision('t1', 'password_reset/reset-link', 'send_reset_link'));
    await commitEvent(store, follow('t1', 't1:r', 'resolved', { firstContact: true }));
    await commitEvent(store, decision('t2', 'password_reset/reset-link', 'send_reset_link'));
    await commitEvent(store, follow('t2', 't2:r', 'resolved', { firstContact: true }));
    await commitEvent(store, follow('t2', 't2:o', 'reopened', { reason: 'still locked' }));
    await commitEvent(store, decision('t3', 'password_reset/reset-macro'));
    await commitEvent(store, follow('t3', 't3:r', 'resolved', { firstContact: false }));
    await commitEvent(store, decision('t4', 'password_reset/reset-macro'));
    const sums = totals(await store.queryAggregates({ segment: { category: 'billing' } }));
    expect(sums['hypothesis:password_reset/reset-link']).toMatchObject({
      resolved: 2,
      firstContactResolved: 1,
      reopened: 1,
      reviews: 0,
    });
    expect(sums['action:send_reset_link']).toMatchObject({
      resolved: 2,
      firstContactResolved: 1,
      reopened: 1,
    });
    expect(sums['hypothesis:password_reset/reset-macro']).toMatchObject({
      resolved: 1,
      firstContactResolved: 0,
      reopened: 0,
    });
    expect((await store.getTrace('t1'))?.hypothesisId).toBe('password_reset/reset-link');
  });

  it('moves resolution counts with a trace that changes bucket', async () => {
    const store = await createStore();
    await commitEvent(store, decision('t1', 'h-1', 'refund'));
    await commitEvent(store, follow('t1', 't1:r', 'resolved', { firstContact: true }));
    await commitEvent(
      store,
      follow('t1', 't1:q', 'routed', { queue: 'tier-2', overridden: false }),
    );
    const rows = await store.queryAggregates({});
    const byQueue = Object.fromEntries(rows.map((row) => [row.queue, totals([row])]));
    expect(byQueue['tier-1']?.['hypothesis:h-1']).toBeUndefined();
    expect(byQueue['tier-2']?.['hypothesis:h-1']).toMatchObject({ resolved: 1 });
  });

  it('rejects a hypothesis id that no store can keep as a key', async () => {
    const store = await createStore();
    const commit = commitFor(undefined, decision('t1', 'ok'));
    const bad = { ...commit, trace: { ...commit.trace, hypothesisId: 'k'.repeat(129) } };
    await expect(store.commitOutcome(bad as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
}
