import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../learning/create-seeded-random';
import { addKpiCounters, emptyKpiCounters, type KpiCounters } from '../schemas/kpi-counters';
import type { OutcomeInput } from '../schemas/outcome-input';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { readAllPages } from '../store/page';
import { aggregateDeltas, traceContribution } from './aggregate-deltas';
import { createOutcomeRecorder } from './create-outcome-recorder';

const start = Date.UTC(2026, 0, 1);

/** A random mix of every outcome type over 40 traces, with segment moves and out-of-order times. */
function randomOutcome(random: () => number): OutcomeInput {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const traceId = `t${Math.floor(random() * 40)}`;
  const at = start + Math.floor(random() * 10 * dayMs);
  const segment =
    random() < 0.3 ? { category: pick(['billing', 'tech']), queue: pick(['q1', 'q2']) } : {};
  const common = {
    traceId,
    at,
    ...segment,
    ...(random() < 0.5 ? { ticketId: `k-${traceId}` } : {}),
  };
  const options: OutcomeInput[] = [
    {
      ...common,
      type: 'decision',
      verdict: pick(['allow', 'escalate', 'deny'] as const),
      confidence: random(),
    },
    { ...common, type: 'escalated' },
    { ...common, type: 'routed', queue: pick(['q1', 'q2', 'q3']) },
    { ...common, type: 'deflected' },
    { ...common, type: 'resolved', firstContact: random() < 0.6 },
    { ...common, type: 'reopened', reason: 'again' },
    { ...common, type: 'override', proposed: 'a', actual: 'b' },
    { ...common, type: 'csat', score: 1 + Math.floor(random() * 5) },
    { ...common, type: 'macro_used', macroId: 'm', editDistance: pick([0, 0, 12]) },
    { ...common, type: 'article_feedback', articleId: 'a', helpful: random() < 0.5 },
    { ...common, type: 'first_response', elapsedMs: Math.floor(random() * 1000) },
    { ...common, type: 'returned' },
  ];
  return pick(options);
}

describe('incremental aggregates', () => {
  it('always equal the contributions of the final trace states', async () => {
    const store = createMemoryFeedbackStore();
    const random = createSeededRandom(7);
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(start + 20 * dayMs) });
    for (let index = 0; index < 2000; index++) await recorder.record(randomOutcome(random));

    const expected = new Map<string, KpiCounters>();
    const traces = await readAllPages((cursor) => store.listTraces(cursor ? { cursor } : {}));
    for (const trace of traces) {
      const key = `${trace.day}/${trace.category}/${trace.channel}/${trace.queue}`;
      expected.set(
        key,
        addKpiCounters(expected.get(key) ?? emptyKpiCounters(), traceContribution(trace)),
      );
    }
    const actual = new Map(
      (await store.queryAggregates({})).map((row) => [
        `${row.day}/${row.category}/${row.channel}/${row.queue}`,
        row.counters,
      ]),
    );
    expect(actual).toEqual(expected);
    expect(traces).toHaveLength(40);
  });
});

describe('traceContribution', () => {
  it('counts first contact resolution only while the trace was never reopened', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(start) });
    await recorder.record({ type: 'decision', traceId: 't', verdict: 'allow', ticketId: 'k' });
    let trace = await store.getTrace('t');
    expect(trace && traceContribution(trace)).toMatchObject({ openTickets: 1, resolved: 0 });
    await recorder.record({ type: 'resolved', traceId: 't', firstContact: true, elapsedMs: 500 });
    trace = await store.getTrace('t');
    expect(trace && traceContribution(trace)).toMatchObject({
      resolved: 1,
      firstContactResolved: 1,
      openTickets: 0,
      resolutionMsSum: 500,
    });
    await recorder.record({ type: 'reopened', traceId: 't', reason: 'no' });
    trace = await store.getTrace('t');
    expect(trace && traceContribution(trace)).toMatchObject({
      resolved: 1,
      firstContactResolved: 0,
      reopened: 1,
      openTickets: 1,
    });
  });
});

describe('aggregateDeltas', () => {
  it('names only the counters that change, and never a zero or -0', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(start) });
    const state = async () => {
      const trace = await store.getTrace('t');
      if (!trace) throw new Error('no trace');
      return trace;
    };
    await recorder.record({ type: 'decision', traceId: 't', verdict: 'allow', queue: 'q1' });
    const created = await state();
    await recorder.record({ type: 'csat', traceId: 't', score: 4 });
    const scored = await state();
    await recorder.record({ type: 'routed', traceId: 't', queue: 'q2' });
    const moved = await state();

    const nonZero = (counters: KpiCounters) =>
      Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));
    const [first] = aggregateDeltas(undefined, created);
    expect(first?.counters).toEqual(nonZero(traceContribution(created)));
    expect(aggregateDeltas(created, scored)).toEqual([
      {
        day: created.day,
        category: 'unknown',
        channel: 'unknown',
        queue: 'q1',
        counters: { csatResponses: 1, csatScoreSum: 4 },
      },
    ]);
    const [out, into] = aggregateDeltas(scored, moved);
    const removed = Object.fromEntries(
      Object.entries(nonZero(traceContribution(scored))).map(([name, value]) => [name, -value]),
    );
    expect(out).toMatchObject({ queue: 'q1', counters: removed });
    expect(into).toMatchObject({ queue: 'q2', counters: nonZero(traceContribution(moved)) });
    for (const delta of [first, out, into]) {
      for (const value of Object.values(delta?.counters ?? {})) {
        expect(value === 0 || Object.is(value, -0)).toBe(false);
      }
    }
  });
});
