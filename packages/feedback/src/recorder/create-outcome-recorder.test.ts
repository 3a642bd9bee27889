import { createManualClock, createSequentialIdGenerator, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createOutcomeRecorder } from './create-outcome-recorder';

const hour = 3_600_000;

function setup(options: { unknownTraces?: 'flag' | 'reject'; store?: FeedbackStore } = {}) {
  const store = options.store ?? createMemoryFeedbackStore();
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9));
  const recorder = createOutcomeRecorder({
    store,
    clock,
    idGenerator: createSequentialIdGenerator('outcome'),
    ...(options.unknownTraces ? { unknownTraces: options.unknownTraces } : {}),
  });
  return { store, clock, recorder };
}

const decision = { type: 'decision', traceId: 't1', verdict: 'allow', confidence: 0.9 } as const;

describe('createOutcomeRecorder', () => {
  it('records an outcome with id, time and segment filled in', async () => {
    const { recorder, clock } = setup();
    const result = await recorder.record({ ...decision, category: 'billing', channel: 'email' });
    expect(result.status).toBe('recorded');
    expect(result.outcome).toMatchObject({
      id: 'outcome-1',
      at: clock.now(),
      recordedAt: clock.now(),
      category: 'billing',
      channel: 'email',
      queue: 'unknown',
      flags: [],
      sequence: 1,
    });
  });

  it('inherits the segment of the trace and moves the trace when a field is given', async () => {
    const { recorder, store } = setup();
    await recorder.record({ ...decision, category: 'billing', channel: 'email' });
    const resolved = await recorder.record({ type: 'resolved', traceId: 't1', firstContact: true });
    expect(resolved.outcome).toMatchObject({
      category: 'billing',
      channel: 'email',
      queue: 'unknown',
    });
    await recorder.record({ type: 'routed', traceId: 't1', queue: 'tier-2' });
    expect(await store.getTrace('t1')).toMatchObject({ queue: 'tier-2', category: 'billing' });
    const rows = await store.queryAggregates({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ queue: 'tier-2', counters: { traces: 1, resolved: 1 } });
  });

  it('treats a resent event id as an idempotent duplicate', async () => {
    const { recorder, store } = setup();
    const first = await recorder.record({ ...decision, id: 'e1', at: 1000 });
    const again = await recorder.record({ ...decision, id: 'e1', at: new Date(1000) });
    expect(again.status).toBe('duplicate');
    expect(again.outcome).toEqual(first.outcome);
    expect((await store.queryAggregates({}))[0]?.counters.decisions).toBe(1);
  });

  it('rejects a reused id with different content instead of dropping either', async () => {
    const { recorder } = setup();
    await recorder.record({ ...decision, id: 'e1' });
    const error = await recorder.record({ ...decision, id: 'e1', verdict: 'deny' }).catch((e) => e);
    expect(GuardloopError.hasCode(error, 'outcome_conflict')).toBe(true);
    expect(error.fields).toEqual(['verdict']);
  });

  it('flags follow-ups on unknown traces by default and keeps them', async () => {
    const { recorder, store } = setup();
    const result = await recorder.record({ type: 'csat', traceId: 'nope', score: 4 });
    expect(result.outcome.flags).toEqual(['unknown_trace']);
    const flagged = await store.listOutcomes({ flag: 'unknown_trace' });
    expect(flagged.items.map((outcome) => outcome.traceId)).toEqual(['nope']);
  });

  it('rejects follow-ups on unknown traces in reject mode', async () => {
    const { recorder } = setup({ unknownTraces: 'reject' });
    await expect(recorder.record({ type: 'csat', traceId: 'nope', score: 4 })).rejects.toSatisfy(
      (error) => GuardloopError.hasCode(error, 'unknown_trace'),
    );
    await recorder.record(decision);
    await expect(recorder.record({ type: 'csat', traceId: 't1', score: 4 })).resolves.toMatchObject(
      {
        status: 'recorded',
      },
    );
  });

  it('flags anomalies without losing the outcome', async () => {
    const { recorder } = setup();
    await recorder.record(decision);
    const reopen = await recorder.record({
      type: 'reopened',
      traceId: 't1',
      reason: 'still broken',
    });
    expect(reopen.outcome.flags).toEqual(['reopened_before_resolved']);
    const returned = await recorder.record({ type: 'returned', traceId: 't1' });
    expect(returned.outcome.flags).toEqual(['returned_without_deflection']);
    await recorder.record({ type: 'resolved', traceId: 't1', firstContact: true });
    const twice = await recorder.record({ type: 'resolved', traceId: 't1', firstContact: true });
    expect(twice.outcome.flags).toEqual(['already_resolved']);
  });

  it('computes the edit distance of a macro from its texts', async () => {
    const { recorder } = setup();
    await recorder.record(decision);
    const { outcome } = await recorder.record({
      type: 'macro_used',
      traceId: 't1',
      macroId: 'm1',
      originalText: 'Hello there.',
      finalText: 'Hello there!',
    });
    expect(outcome).toMatchObject({ editDistance: 2 });
  });

  it('rejects malformed outcomes with every issue listed', async () => {
    const { recorder } = setup();
    const error = await recorder
      .record({ type: 'csat', traceId: '', score: 9 } as never)
      .catch((e) => e);
    expect(GuardloopError.hasCode(error, 'invalid_outcome')).toBe(true);
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'score',
      'traceId',
    ]);
    for (const bad of [null, 'x', { type: 'nope', traceId: 't' }, { ...decision, extra: 1 }]) {
      await expect(recorder.record(bad as never)).rejects.toSatisfy((e) =>
        GuardloopError.hasCode(e, 'invalid_outcome'),
      );
    }
  });

  it('retries compare-and-set conflicts, then gives up with a retryable error', async () => {
    const inner = createMemoryFeedbackStore();
    let conflicts = 2;
    const flaky: FeedbackStore = {
      ...inner,
      commitOutcome: async (commit, options) =>
        conflicts-- > 0 ? { status: 'conflict' } : inner.commitOutcome(commit, options),
    };
    await expect(setup({ store: flaky }).recorder.record(decision)).resolves.toMatchObject({
      status: 'recorded',
    });
    const stuck: FeedbackStore = { ...inner, commitOutcome: async () => ({ status: 'conflict' }) };
    const error = await setup({ store: stuck })
      .recorder.record(decision)
      .catch((e) => e);
    expect(GuardloopError.hasCode(error, 'concurrent_update')).toBe(true);
    expect(error.isRetryable).toBe(true);
  });

  it('serialises concurrent writes to one trace without losing any', async () => {
    const { recorder, store } = setup();
    await recorder.record(decision);
    const scores = Array.from({ length: 30 }, (_, index) => 1 + (index % 5));
    const results = await Promise.all(
      scores.map((score) => recorder.record({ type: 'csat', traceId: 't1', score })),
    );
    expect(results.every((result) => result.status === 'recorded')).toBe(true);
    const trace = await store.getTrace('t1');
    expect(trace).toMatchObject({ csatResponses: 30, csatScoreSum: 90, revision: 31 });
  });

  it('rejects with the abort reason and writes nothing', async () => {
    const { recorder, store } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(recorder.record(decision, { abortSignal: controller.signal })).rejects.toThrow(
      'stop',
    );
    expect(await store.getTrace('t1')).toBeUndefined();
  });

  it('rejects bad options with invalid_input', () => {
    for (const options of [
      undefined,
      {},
      { store: {} },
      { store: createMemoryFeedbackStore(), deflectionWindowMs: -1 },
    ]) {
      expect(() => createOutcomeRecorder(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('counts deflections that come back within the window as failed', async () => {
    const { recorder, store, clock } = setup();
    await recorder.record({ type: 'deflected', traceId: 'd1', articleId: 'a1' });
    await recorder.record({ type: 'deflected', traceId: 'd2', articleId: 'a1' });
    clock.advance(2 * hour);
    await recorder.record({ type: 'returned', traceId: 'd1' });
    clock.advance(100 * hour);
    await recorder.record({ type: 'returned', traceId: 'd2' });
    const [row] = await store.queryAggregates({});
    expect(row?.counters).toMatchObject({ deflected: 2, deflectionReturned: 1 });
  });

  it('rejects data and keys no store could return unchanged with invalid_outcome', async () => {
    const { recorder, store } = setup();
    const bad: Array<Record<string, unknown>> = [
      { ...decision, data: { when: new Date(0) } },
      { ...decision, data: { ratio: Number.NaN } },
      { ...decision, data: { gone: undefined } },
      { ...decision, data: { id: 1n } },
      { ...decision, data: { text: 'lone \ud800' } },
      { ...decision, traceId: 'a\u0000b' },
      { ...decision, category: 'x'.repeat(600) },
    ];
    for (const input of bad) {
      await expect(recorder.record(input as never)).rejects.toSatisfy((error) =>
        GuardloopError.hasCode(error, 'invalid_outcome'),
      );
    }
    expect((await store.listOutcomes({})).items).toEqual([]);
    const data = { nested: { list: [1, 'two', null, true] }, score: 0.5 };
    const { outcome } = await recorder.record({ ...decision, data });
    expect(outcome.data).toEqual(data);
  });
});
