import { createManualClock } from '@guardloop/core';
import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import type { OutcomeInput, TicketSlaOutcomeInput } from '../schemas/outcome-input';
import { ticketSlaLimits } from '../schemas/ticket-sla';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createKpis } from './create-kpis';

const monday = Date.UTC(2026, 0, 5);
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const week = { from: monday, to: monday + 7 * dayMs };

const decision = (traceId: string): OutcomeInput => ({
  id: `${traceId}:d`,
  type: 'decision',
  traceId,
  verdict: 'allow',
  at: monday,
});

const run = (
  traceId: string,
  suffix: string,
  at: number,
  fields: Partial<TicketSlaOutcomeInput>,
): OutcomeInput => ({
  id: `${traceId}:${suffix}`,
  type: 'ticket_sla',
  traceId,
  at: monday + at,
  policy: 'standard',
  priority: 'high',
  metric: 'first_response',
  instance: 1,
  targetMs: 30 * minute,
  elapsedMs: 0,
  breached: false,
  ...fields,
});

/**
 * Hand-computed: t1 (standard, high) answered in 4 min, resolved in 3 h; t2 (standard, low)
 * breached its first response (noticed at 30 min, answered at 50 min), resolved in 20 h; t3
 * (vip, high) answered in 40 s, missed a next response, breached its resolution (still open).
 */
const fixture: OutcomeInput[] = [
  decision('t1'),
  run('t1', 'fr', 4 * minute, { elapsedMs: 4 * minute }),
  run('t1', 'res', 3 * hour, { metric: 'resolution', targetMs: 8 * hour, elapsedMs: 3 * hour }),
  decision('t2'),
  run('t2', 'fr:breach', 30 * minute, {
    priority: 'low',
    elapsedMs: 30 * minute,
    breached: true,
    completed: false,
  }),
  run('t2', 'fr', 50 * minute, {
    priority: 'low',
    elapsedMs: 50 * minute,
    breached: true,
    lateMs: 20 * minute,
  }),
  run('t2', 'res', 20 * hour, {
    priority: 'low',
    metric: 'resolution',
    targetMs: 24 * hour,
    elapsedMs: 20 * hour,
  }),
  decision('t3'),
  run('t3', 'fr', 40 * second, { policy: 'vip', elapsedMs: 40 * second }),
  run('t3', 'nr', 2 * hour, {
    policy: 'vip',
    metric: 'next_response',
    targetMs: 5 * minute,
    elapsedMs: 10 * minute,
    breached: true,
    lateMs: 5 * minute,
  }),
  run('t3', 'res:breach', 4 * hour, {
    policy: 'vip',
    metric: 'resolution',
    targetMs: 4 * hour,
    elapsedMs: 4 * hour,
    breached: true,
    completed: false,
  }),
];

async function recordAll(outcomes: readonly OutcomeInput[]) {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(monday + 7 * dayMs);
  const recorder = createOutcomeRecorder({ store, clock });
  for (const outcome of outcomes) await recorder.record(outcome);
  const report = await createKpis({ store, clock }).queryKpis(week);
  const traces = await Promise.all(['t1', 't2', 't3'].map((id) => store.getTrace(id)));
  return { store, recorder, report, runs: traces.map((trace) => trace?.ticketSlas) };
}

const rateOf = (numerator: number, denominator: number) => ({
  value: numerator / denominator,
  numerator,
  denominator,
});

describe('ticket SLA KPIs', () => {
  it('reports response and resolution times and breach rates', async () => {
    const { report } = await recordAll(fixture);
    expect(report.metrics.ticketSlaBreachRate).toEqual(rateOf(3, 7));
    expect(report.metrics.ticketSlaFirstResponseTimeMs).toEqual({
      value: 3.5 * minute,
      median: 3.5 * minute,
      p90: 51 * minute,
      mean: (4 * minute + 50 * minute + 40 * second) / 3,
      count: 3,
    });
    // The still-open breached resolution of t3 is not a resolution time.
    expect(report.metrics.ticketSlaResolutionTimeMs).toEqual({
      value: 4 * hour,
      median: 4 * hour,
      p90: 21.6 * hour,
      mean: 11.5 * hour,
      count: 2,
    });
    const entries = (breakdown: typeof report.ticketSla.byPolicy) =>
      breakdown.entries.map(({ key, runs, breached }) => ({ key, runs, breached }));
    expect(entries(report.ticketSla.byPolicy)).toEqual([
      { key: 'standard', runs: 4, breached: 1 },
      { key: 'vip', runs: 3, breached: 2 },
    ]);
    expect(entries(report.ticketSla.byPriority)).toEqual([
      { key: 'high', runs: 5, breached: 2 },
      { key: 'low', runs: 2, breached: 1 },
    ]);
    expect(entries(report.ticketSla.byMetric)).toEqual([
      { key: 'first_response', runs: 3, breached: 1 },
      { key: 'resolution', runs: 3, breached: 1 },
      { key: 'next_response', runs: 1, breached: 1 },
    ]);
    expect(report.ticketSla.byPolicy.entries[1]?.breachRate).toEqual(rateOf(2, 3));
  });

  it('sums the keys beyond maxBreakdownKeys into rest', async () => {
    const store = createMemoryFeedbackStore();
    const clock = createManualClock(monday + dayMs);
    const recorder = createOutcomeRecorder({ store, clock });
    for (const outcome of fixture) await recorder.record(outcome);
    const report = await createKpis({ store, clock, maxBreakdownKeys: 1 }).queryKpis(week);
    expect(report.ticketSla.byPolicy.rest).toEqual({
      keys: 1,
      runs: 3,
      breached: 2,
      breachRate: rateOf(2, 3),
    });
  });

  it('gives the same KPIs and runs whatever order the outcomes arrive in', async () => {
    const inOrder = await recordAll(fixture);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const shuffled = await recordAll(shuffle(fixture, createSeededRandom(seed)));
      expect(shuffled.report.counters).toEqual(inOrder.report.counters);
      expect(shuffled.report.metrics).toEqual(inOrder.report.metrics);
      expect(shuffled.report.ticketSla).toEqual(inOrder.report.ticketSla);
      expect(shuffled.runs).toEqual(inOrder.runs);
    }
  });

  it('folds a breach and the completion of one run into one record', async () => {
    const { runs } = await recordAll(fixture);
    expect(runs[1]?.[0]).toEqual({
      metric: 'first_response',
      instance: 1,
      policy: 'standard',
      priority: 'low',
      targetMs: 30 * minute,
      elapsedMs: 50 * minute,
      breached: true,
      lateMs: 20 * minute,
      completed: true,
    });
  });

  it('is idempotent on the outcome id', async () => {
    const { recorder, report } = await recordAll(fixture);
    await expect(recorder.record(fixture[1] as OutcomeInput)).resolves.toMatchObject({
      status: 'duplicate',
    });
    const again = await recordAll([...fixture, fixture[1] as OutcomeInput]);
    expect(again.report.counters).toEqual(report.counters);
  });

  it('counts at most ticketSlaLimits.metricsPerTrace runs per trace', async () => {
    const runs = Array.from({ length: ticketSlaLimits.metricsPerTrace + 1 }, (_, index) =>
      run('t1', `nr-${index + 1}`, index + 1, {
        metric: 'next_response',
        instance: index + 1,
        elapsedMs: minute,
      }),
    );
    const { store, report } = await recordAll([decision('t1'), ...runs]);
    const last = `t1:nr-${ticketSlaLimits.metricsPerTrace + 1}`;
    expect((await store.getOutcome(last))?.flags).toEqual(['ticket_sla_limit_reached']);
    expect(report.counters.ticketSlaRuns).toBe(ticketSlaLimits.metricsPerTrace);
  });

  it('reports null times and rates without SLA outcomes', async () => {
    const { report } = await recordAll([decision('t1')]);
    expect(report.metrics.ticketSlaBreachRate.value).toBeNull();
    expect(report.metrics.ticketSlaFirstResponseTimeMs).toMatchObject({ median: null, count: 0 });
    expect(report.ticketSla.byPolicy).toEqual({
      entries: [],
      rest: {
        keys: 0,
        runs: 0,
        breached: 0,
        breachRate: { value: null, numerator: 0, denominator: 0 },
      },
    });
  });
});
