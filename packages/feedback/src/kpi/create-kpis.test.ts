import { createManualClock, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createOutcomeRecorder } from '../recorder/create-outcome-recorder';
import type { OutcomeInput } from '../schemas/outcome-input';
import { dayMs } from '../schemas/time-range';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createKpis } from './create-kpis';

const monday = Date.UTC(2026, 0, 5);
const hour = 3_600_000;

/** Week one (baseline) handles billing badly; week two better. */
async function setup() {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(monday + 14 * dayMs);
  const recorder = createOutcomeRecorder({ store, clock });
  const ticket = async (
    id: string,
    at: number,
    outcomes: Array<Partial<OutcomeInput>>,
    channel = 'email',
  ) => {
    const base = { traceId: id, ticketId: id, category: 'billing', channel, queue: 'q1' };
    await recorder.record({ ...base, type: 'decision', verdict: 'allow', at } as OutcomeInput);
    for (const [index, outcome] of outcomes.entries()) {
      await recorder.record({
        traceId: id,
        at: at + (index + 1) * hour,
        ...outcome,
      } as OutcomeInput);
    }
  };
  // Baseline week: 4 tickets, 1 FCR, 1 reopened, 1 escalated, 1 still open.
  await ticket('b1', monday, [
    { type: 'resolved', firstContact: true },
    { type: 'csat', score: 5 },
  ]);
  await ticket('b2', monday + hour, [
    { type: 'resolved', firstContact: true },
    { type: 'reopened', reason: 'wrong' },
    { type: 'resolved', firstContact: false },
  ]);
  await ticket('b3', monday + dayMs, [
    { type: 'escalated' },
    { type: 'resolved', firstContact: false },
  ]);
  await ticket('b4', monday + 2 * dayMs, [{ type: 'first_response', elapsedMs: 600_000 }]);
  // Current week: 3 tickets, 2 FCR, one on chat with an override.
  await ticket('c1', monday + 7 * dayMs, [
    { type: 'resolved', firstContact: true, elapsedMs: hour },
  ]);
  await ticket('c2', monday + 8 * dayMs, [
    { type: 'resolved', firstContact: true, elapsedMs: 3 * hour },
  ]);
  await ticket(
    'c3',
    monday + 8 * dayMs,
    [
      { type: 'override', proposed: 'refund', actual: 'credit' },
      { type: 'resolved', firstContact: false },
    ],
    'chat',
  );
  return { kpis: createKpis({ store, clock }), recorder, store };
}

const week1 = { from: monday, to: monday + 7 * dayMs };
const week2 = { from: new Date(monday + 7 * dayMs), to: new Date(monday + 14 * dayMs) };

describe('createKpis', () => {
  it('computes every KPI over a range', async () => {
    const { kpis } = await setup();
    const report = await kpis.queryKpis(week1);
    expect(report.counters).toMatchObject({ traces: 4, resolved: 3, openTickets: 1 });
    expect(report.metrics.firstContactResolution).toEqual({
      value: 1 / 3,
      numerator: 1,
      denominator: 3,
    });
    expect(report.metrics.reopenRate.value).toBeCloseTo(1 / 3);
    expect(report.metrics.escalationRate.value).toBe(0.25);
    expect(report.metrics.csat).toEqual({ value: 5, count: 1 });
    expect(report.metrics.timeToFirstResponseMs).toEqual({ value: 600_000, count: 1 });
    expect(report.metrics.overrideRate.value).toBe(0);
    expect(report.metrics.macroEditRate.value).toBeNull();
    expect(report.backlog.open).toBe(1);
    expect(report.backlog.buckets.overSevenDays).toBe(1);
  });

  it('filters by segment', async () => {
    const { kpis } = await setup();
    const chat = await kpis.queryKpis(week2, { channel: 'chat' });
    expect(chat.counters.traces).toBe(1);
    expect(chat.metrics.overrideRate.value).toBe(1);
    const email = await kpis.queryKpis(week2, { channel: 'email', category: 'billing' });
    expect(email.metrics.firstContactResolution.value).toBe(1);
    expect(email.metrics.timeToResolutionMs.value).toBe(2 * hour);
    expect((await kpis.queryKpis(week2, { queue: 'none' })).counters.traces).toBe(0);
  });

  it('widens a range to whole UTC days', async () => {
    const { kpis } = await setup();
    const report = await kpis.queryKpis({ from: monday + dayMs + 5, to: monday + dayMs + 6 });
    expect(report.counters.traces).toBe(1);
  });

  it('compares baseline and current with good and bad directions', async () => {
    const { kpis } = await setup();
    const comparison = await kpis.compareKpis(week1, week2);
    const delta = (metric: string) => comparison.deltas.find((entry) => entry.metric === metric);
    expect(delta('firstContactResolution')).toMatchObject({
      direction: 'good',
      baseline: 1 / 3,
      current: 2 / 3,
    });
    expect(delta('firstContactResolution')?.delta).toBeCloseTo(1 / 3);
    expect(delta('firstContactResolution')?.pValue).toBeGreaterThan(0);
    expect(delta('reopenRate')).toMatchObject({ direction: 'good', current: 0 });
    expect(delta('overrideRate')).toMatchObject({ direction: 'bad', relativeChange: null });
    expect(delta('csat')).toMatchObject({ direction: 'unknown', delta: null });
    expect(delta('macroEditRate')).toMatchObject({ direction: 'unknown' });
  });

  it('marks an unchanged KPI as unchanged', async () => {
    const { kpis } = await setup();
    const same = await kpis.compareKpis(week1, week1);
    const escalation = same.deltas.find((entry) => entry.metric === 'escalationRate');
    expect(escalation).toMatchObject({ direction: 'unchanged', delta: 0, relativeChange: 0 });
    expect(escalation?.pValue).toBeCloseTo(1, 6);
  });

  it('rejects bad ranges, segments and options with invalid_input', async () => {
    const { kpis, store } = await setup();
    const invalid = (e: unknown) => GuardloopError.hasCode(e, 'invalid_input');
    await expect(kpis.queryKpis({ from: 5, to: 5 })).rejects.toSatisfy(invalid);
    await expect(kpis.queryKpis({ from: -1, to: 5 })).rejects.toSatisfy(invalid);
    await expect(kpis.queryKpis(null as never)).rejects.toSatisfy(invalid);
    await expect(kpis.queryKpis(week1, { categroy: 'x' } as never)).rejects.toSatisfy(invalid);
    await expect(kpis.queryKpis(week1, {}, { abortSignal: 1 } as never)).rejects.toSatisfy(invalid);
    await expect(kpis.compareKpis(week1, { from: 9, to: 1 })).rejects.toSatisfy(invalid);
    expect(() => createKpis({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createKpis({ store, clock: {} } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('rejects with the abort reason', async () => {
    const { kpis } = await setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(kpis.queryKpis(week1, {}, { abortSignal: controller.signal })).rejects.toThrow(
      'stop',
    );
    await expect(
      kpis.compareKpis(week1, week2, undefined, { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('reports deflection quality, article helpfulness and macro edit rate', async () => {
    const { kpis, recorder } = await setup();
    const at = monday + 9 * dayMs;
    await recorder.record({ type: 'deflected', traceId: 'd1', at, category: 'billing' });
    await recorder.record({ type: 'deflected', traceId: 'd2', at, category: 'billing' });
    await recorder.record({ type: 'returned', traceId: 'd2', at: at + hour });
    await recorder.record({
      type: 'article_feedback',
      traceId: 'd1',
      at,
      articleId: 'a',
      helpful: true,
    });
    await recorder.record({
      type: 'article_feedback',
      traceId: 'd2',
      at,
      articleId: 'a',
      helpful: false,
    });
    await recorder.record({ type: 'macro_used', traceId: 'c1', macroId: 'm', editDistance: 0 });
    await recorder.record({ type: 'macro_used', traceId: 'c2', macroId: 'm', editDistance: 30 });
    const report = await kpis.queryKpis(week2);
    expect(report.metrics.deflectionQuality).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(report.metrics.articleHelpfulness.value).toBe(0.5);
    expect(report.metrics.macroEditRate.value).toBe(0.5);
  });
});
