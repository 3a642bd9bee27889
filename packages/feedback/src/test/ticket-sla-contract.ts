import { expect, it } from 'vitest';
import { createKpis } from '../kpi/create-kpis';
import type { OutcomeEvent } from '../schemas/outcome-event';
import type { AggregateRow } from '../store/feedback-store';
import {
  type CreateStore,
  commitEvent,
  commitFor,
  fixtureDay,
  outcomeEvent,
} from './contract-fixtures';

const minute = 60_000;

const run = (traceId: string, id: string, extra: Partial<OutcomeEvent> = {}) =>
  outcomeEvent({
    id,
    traceId,
    type: 'ticket_sla',
    policy: 'standard',
    priority: 'high',
    metric: 'first_response',
    instance: 1,
    targetMs: 30 * minute,
    elapsedMs: 10 * minute,
    breached: false,
    completed: true,
    ...extra,
  } as Partial<OutcomeEvent> & { id: string; traceId: string });

/** Sums each (dimension, key)'s ticket SLA counters over the rows. */
function slaTotals(rows: readonly AggregateRow[]) {
  const sums: Record<string, { runs: number; breached: number }> = {};
  for (const row of rows)
    for (const { dimension, key, counters } of row.breakdowns ?? []) {
      if (!dimension.startsWith('sla_')) continue;
      const id = `${dimension}:${key}`;
      const sum = sums[id] ?? { runs: 0, breached: 0 };
      sums[id] = sum;
      sum.runs += counters.ticketSlaRuns;
      sum.breached += counters.ticketSlaBreached;
    }
  return sums;
}

/** Ticket SLA runs: their per-trace state, time histograms and per-policy/priority/metric rates. */
export function ticketSlaContract(createStore: CreateStore): void {
  it('keeps the SLA runs and counts breach rates per policy, priority and metric', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 't1:d', traceId: 't1' }));
    await commitEvent(store, run('t1', 't1:fr'));
    // A breach noticed while the clock ran, then its completion: one run.
    await commitEvent(
      store,
      run('t1', 't1:res:b', {
        metric: 'resolution',
        targetMs: 60 * minute,
        elapsedMs: 60 * minute,
        breached: true,
        completed: false,
      }),
    );
    await commitEvent(
      store,
      run('t1', 't1:res:c', {
        metric: 'resolution',
        targetMs: 60 * minute,
        elapsedMs: 90 * minute,
        breached: true,
        lateMs: 30 * minute,
      }),
    );
    await commitEvent(store, outcomeEvent({ id: 't2:d', traceId: 't2' }));
    await commitEvent(
      store,
      run('t2', 't2:fr', {
        policy: 'vip',
        priority: 'urgent',
        elapsedMs: 45 * minute,
        breached: true,
      }),
    );
    expect((await store.getTrace('t1'))?.ticketSlas).toEqual([
      {
        metric: 'first_response',
        instance: 1,
        policy: 'standard',
        priority: 'high',
        targetMs: 30 * minute,
        elapsedMs: 10 * minute,
        breached: false,
        completed: true,
      },
      {
        metric: 'resolution',
        instance: 1,
        policy: 'standard',
        priority: 'high',
        targetMs: 60 * minute,
        elapsedMs: 90 * minute,
        breached: true,
        lateMs: 30 * minute,
        completed: true,
      },
    ]);
    const rows = await store.queryAggregates({});
    expect(slaTotals(rows)).toEqual({
      'sla_policy:standard': { runs: 2, breached: 1 },
      'sla_policy:vip': { runs: 1, breached: 1 },
      'sla_priority:high': { runs: 2, breached: 1 },
      'sla_priority:urgent': { runs: 1, breached: 1 },
      'sla_metric:first_response': { runs: 2, breached: 1 },
      'sla_metric:resolution': { runs: 1, breached: 1 },
    });
    const report = await createKpis({ store }).queryKpis({
      from: fixtureDay,
      to: fixtureDay + 1,
    });
    expect(report.metrics.ticketSlaBreachRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(report.metrics.ticketSlaFirstResponseTimeMs).toMatchObject({
      count: 2,
      mean: 27.5 * minute,
    });
    expect(report.metrics.ticketSlaResolutionTimeMs).toMatchObject({ count: 1, mean: 90 * minute });
    expect(report.ticketSla.byPolicy.entries).toEqual([
      {
        key: 'standard',
        breachRate: { value: 0.5, numerator: 1, denominator: 2 },
        runs: 2,
        breached: 1,
      },
      { key: 'vip', breachRate: { value: 1, numerator: 1, denominator: 1 }, runs: 1, breached: 1 },
    ]);
  });

  it('moves the SLA counters with a trace that changes bucket', async () => {
    const store = await createStore();
    await commitEvent(store, outcomeEvent({ id: 't1:d', traceId: 't1' }));
    await commitEvent(store, run('t1', 't1:fr', { breached: true }));
    await commitEvent(
      store,
      outcomeEvent({
        id: 't1:q',
        traceId: 't1',
        type: 'routed',
        queue: 'tier-2',
        overridden: false,
      } as never),
    );
    const rows = await store.queryAggregates({});
    const byQueue = Object.fromEntries(rows.map((row) => [row.queue, row]));
    expect(slaTotals(rows)['sla_policy:standard']).toEqual({ runs: 1, breached: 1 });
    expect(slaTotals([byQueue['tier-2'] as AggregateRow])['sla_policy:standard']).toEqual({
      runs: 1,
      breached: 1,
    });
    expect(byQueue['tier-1']?.counters.ticketSlaRuns ?? 0).toBe(0);
    expect(byQueue['tier-2']?.counters).toMatchObject({
      ticketSlaRuns: 1,
      ticketSlaBreached: 1,
      ticketSlaFirstResponses: 1,
      ticketSlaFirstResponseMsSum: 10 * minute,
    });
  });

  it('rejects an SLA run state that no store can keep', async () => {
    const store = await createStore();
    const commit = commitFor(undefined, run('t1', 't1:fr'));
    const [record] = commit.trace.ticketSlas ?? [];
    for (const bad of [
      { ...record, policy: 'p'.repeat(129) },
      { ...record, instance: 0 },
    ]) {
      const trace = { ...commit.trace, ticketSlas: [bad] };
      await expect(store.commitOutcome({ ...commit, trace } as never)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });
}
