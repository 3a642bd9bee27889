import { createManualClock, createSequentialIdGenerator, GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { OutcomeNotRecordedError } from '../errors/outcome-not-recorded-error';
import type { OutcomeInput } from '../schemas/outcome-input';
import type { FeedbackStore } from '../store/feedback-store';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createBufferedRecorder } from './create-buffered-recorder';
import { createOutcomeRecorder } from './create-outcome-recorder';

const at = Date.UTC(2026, 0, 5, 9);
const decision = (traceId: string, id?: string): OutcomeInput => ({
  ...(id ? { id } : {}),
  traceId,
  type: 'decision',
  verdict: 'allow',
  at,
  category: 'billing',
});
const csat = (traceId: string, id: string, score = 5): OutcomeInput => ({
  id,
  traceId,
  type: 'csat',
  score,
  at: at + 1,
});

/** A memory store that counts commits and can be told how its next commit fails. */
function setup(settings: { maxOutcomes?: number; maxWaitMs?: number } = {}) {
  const inner = createMemoryFeedbackStore();
  const calls: number[] = [];
  let failNext: 'before' | 'after' | undefined;
  let gate: Promise<void> | undefined;
  const store: FeedbackStore = {
    ...inner,
    async commitOutcomes(commits, options) {
      calls.push(commits.length);
      await gate;
      const mode = failNext;
      failNext = undefined;
      if (mode === 'before') throw new Error('connection lost before the commit');
      const results = await inner.commitOutcomes(commits, options);
      if (mode === 'after') throw new Error('connection lost after the commit');
      return results;
    },
  };
  const clock = createManualClock(at + 60_000);
  const recorder = createOutcomeRecorder({ store, clock });
  const buffered = createBufferedRecorder({
    recorder,
    idGenerator: createSequentialIdGenerator('buffered'),
    ...settings,
  });
  const trace = async (traceId: string) => (await inner.getTraces([traceId]))[0];
  return {
    buffered,
    clock,
    calls,
    trace,
    failNextCommit: (mode: 'before' | 'after') => {
      failNext = mode;
    },
    hold: () => {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

const settled = async <T>(promise: Promise<T>) => {
  let state = 'pending';
  promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return state;
};

describe('createBufferedRecorder', () => {
  it('flushes once maxOutcomes wait, as one recordMany', async () => {
    const { buffered, calls } = setup({ maxOutcomes: 3 });
    const results = await Promise.all([
      buffered.record(decision('t-1', 'o-1')),
      buffered.record(csat('t-1', 'o-2')),
      buffered.record(decision('t-2', 'o-3')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['recorded', 'recorded', 'recorded']);
    expect(calls).toEqual([3]);
    expect(buffered.queued).toBe(0);
  });

  it('flushes maxWaitMs after the oldest queued outcome, on the injected clock', async () => {
    const { buffered, clock, calls } = setup({ maxOutcomes: 100, maxWaitMs: 1_000 });
    const first = buffered.record(decision('t-1', 'o-1'));
    clock.advance(500);
    const second = buffered.record(csat('t-1', 'o-2'));
    clock.advance(499);
    expect(await settled(first)).toBe('pending');
    expect(calls).toEqual([]);
    clock.advance(1);
    expect((await first).status).toBe('recorded');
    expect((await second).status).toBe('recorded');
    expect(calls).toEqual([2]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('acknowledges an outcome only once its flush committed', async () => {
    const { buffered, hold, trace } = setup();
    const release = hold();
    const recorded = buffered.record(decision('t-1'));
    const flushed = buffered.flush();
    expect(await settled(recorded)).toBe('pending');
    expect(await trace('t-1')).toBeUndefined();
    release();
    await flushed;
    expect((await recorded).outcome.id).toBe('buffered-1');
    expect((await trace('t-1'))?.outcomes).toBe(1);
  });

  it('flushes on close and then refuses new outcomes', async () => {
    const { buffered, clock } = setup();
    const recorded = buffered.record(decision('t-1', 'o-1'));
    await buffered.close();
    expect((await recorded).status).toBe('recorded');
    expect(clock.pendingTimers()).toBe(0);
    const refused = await buffered.record(csat('t-1', 'o-2')).catch((error: unknown) => error);
    expect(OutcomeNotRecordedError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ reason: 'closed', outcomeIds: ['o-2'] });
  });

  it('loses nothing acknowledged and counts nothing twice when a flush fails after writing', async () => {
    const { buffered, failNextCommit, trace } = setup();
    const acknowledged = buffered.record(decision('t-1', 'o-1'));
    await buffered.flush();
    expect((await acknowledged).status).toBe('recorded');

    failNextCommit('after');
    const lost = [buffered.record(csat('t-1', 'o-2', 4)), buffered.record(csat('t-1', 'o-3', 2))];
    const flushError = await buffered.flush().catch((error: unknown) => error);
    expect(OutcomeNotRecordedError.isInstance(flushError)).toBe(true);
    expect(flushError).toMatchObject({ reason: 'flush_failed', outcomeIds: ['o-2', 'o-3'] });
    const rejections = await Promise.all(lost.map((p) => p.catch((error: unknown) => error)));
    expect(rejections.map((error) => (error as OutcomeNotRecordedError).outcomeIds)).toEqual([
      ['o-2'],
      ['o-3'],
    ]);
    expect(GuardloopError.isInstance(rejections[0])).toBe(true);

    // The caller records them again with the same ids: written once, reported duplicate.
    const again = await Promise.all([
      buffered.record(csat('t-1', 'o-2', 4)),
      buffered.record(csat('t-1', 'o-3', 2)),
      buffered.flush(),
    ]);
    expect(again.slice(0, 2).map((result) => result?.status)).toEqual(['duplicate', 'duplicate']);
    const state = await trace('t-1');
    expect(state).toMatchObject({ outcomes: 3, csatResponses: 2, csatScoreSum: 6 });
  });

  it('writes nothing of a flush that failed before writing, and records it on retry', async () => {
    const { buffered, failNextCommit, trace } = setup();
    failNextCommit('before');
    const lost = buffered.record(decision('t-1'));
    await expect(buffered.flush()).rejects.toSatisfy(OutcomeNotRecordedError.isInstance);
    const error = (await lost.catch((caught: unknown) => caught)) as OutcomeNotRecordedError;
    expect(error.outcomeIds).toEqual(['buffered-1']);
    expect(await trace('t-1')).toBeUndefined();
    const retried = buffered.record({ ...decision('t-1'), id: error.outcomeIds[0] as string });
    await buffered.flush();
    expect((await retried).status).toBe('recorded');
    expect((await trace('t-1'))?.outcomes).toBe(1);
  });

  it('drops an outcome aborted while queued, and ignores an abort once its flush started', async () => {
    const { buffered, hold, calls, clock } = setup();
    const controller = new AbortController();
    const aborted = buffered.record(decision('t-1', 'o-1'), { abortSignal: controller.signal });
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    expect(buffered.queued).toBe(0);
    expect(clock.pendingTimers()).toBe(0);

    const release = hold();
    const late = new AbortController();
    const inFlight = buffered.record(decision('t-2', 'o-2'), { abortSignal: late.signal });
    const flushed = buffered.flush();
    late.abort(new Error('too late'));
    release();
    await flushed;
    expect((await inFlight).status).toBe('recorded');
    expect(calls).toEqual([1]);

    const before = new AbortController();
    before.abort(new Error('already aborted'));
    await expect(buffered.record(decision('t-3'), { abortSignal: before.signal })).rejects.toThrow(
      'already aborted',
    );
    await expect(buffered.flush({ abortSignal: before.signal })).rejects.toThrow('already aborted');
  });

  it('rejects malformed outcomes and options with typed errors', async () => {
    const { buffered } = setup();
    await expect(
      buffered.record({ traceId: '', type: 'csat' } as unknown as OutcomeInput),
    ).rejects.toMatchObject({ code: 'invalid_outcome' });
    expect(buffered.queued).toBe(0);
    expect(() => createBufferedRecorder({ recorder: {} as never, maxOutcomes: 0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    await expect(buffered.flush({ abortSignal: 'no' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('hands its validated outcomes to a recorder of createOutcomeRecorder without a second parse', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(at + 60_000) });
    recorder.recordMany = () => Promise.reject(new Error('the public recordMany was called'));
    const buffered = createBufferedRecorder({ recorder, maxOutcomes: 2 });
    const results = await Promise.all([
      buffered.record(decision('t-1', 'd-1')),
      buffered.record(csat('t-1', 'c-1')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['recorded', 'recorded']);
    expect((await store.getTrace('t-1'))?.csatResponses).toBe(1);
  });

  it('still has the store validate what the host changed after queueing', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(at + 60_000) });
    const buffered = createBufferedRecorder({ recorder });
    const data = { note: 'fine' };
    const queued = buffered.record({ ...csat('t-1', 'c-1'), data });
    data.note = 'not\u0000storable';
    const flushed = buffered.flush();
    await expect(queued).rejects.toMatchObject({
      code: 'outcome_not_recorded',
      cause: { code: 'invalid_input' },
    });
    await expect(flushed).rejects.toMatchObject({ code: 'outcome_not_recorded' });
    expect(await store.getOutcome('c-1')).toBeUndefined();
  });

  it('flushes through recordMany of any other OutcomeRecorder', async () => {
    const store = createMemoryFeedbackStore();
    const inner = createOutcomeRecorder({ store, clock: createManualClock(at + 60_000) });
    const batches: number[] = [];
    const recorder = {
      store,
      clock: inner.clock,
      record: inner.record,
      recordMany: (inputs: readonly OutcomeInput[]) => {
        batches.push(inputs.length);
        return inner.recordMany(inputs);
      },
    };
    const buffered = createBufferedRecorder({ recorder, maxOutcomes: 2 });
    await Promise.all([
      buffered.record(decision('t-1', 'd-1')),
      buffered.record(csat('t-1', 'c-1')),
    ]);
    expect(batches).toEqual([2]);
    expect((await store.getOutcome('c-1'))?.type).toBe('csat');
  });
});
