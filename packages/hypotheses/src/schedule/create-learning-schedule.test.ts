import { createManualClock, InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { LearningLeaseLostError } from '../errors/learning-lease-lost-error';
import { createLearningSchedule, type LearningJob } from './create-learning-schedule';
import type { LearningScheduleStore } from './learning-schedule-store';
import { createMemoryLearningScheduleStore } from './memory-learning-schedule-store';

const day = 86_400_000;
const start = Date.parse('2026-11-30T00:00:00Z'); // a Monday

function countingJob(name: string, cadence: LearningJob['cadence']) {
  const periods: string[] = [];
  const job: LearningJob = {
    name,
    cadence,
    run: ({ period }) => {
      periods.push(period.key);
      return {
        changed: [{ kind: 'floor', description: `calibrated for ${period.key}` }],
        proposed: [{ kind: 'artifact', id: 'macro-1', description: 'sent for approval' }],
      };
    },
  };
  return { job, periods };
}

describe('createLearningSchedule', () => {
  it('runs daily, weekly and monthly jobs once per period over ten simulated weeks', async () => {
    const clock = createManualClock(start);
    const daily = countingJob('anomalies', { every: 'day' });
    const weekly = countingJob('macros', { every: 'week' });
    const monthly = countingJob('routing', { every: 'month' });
    const store = createMemoryLearningScheduleStore();
    const schedule = createLearningSchedule({
      jobs: [daily.job, weekly.job, monthly.job],
      store,
      clock,
    });
    for (let hour = 0; hour < 70 * 24; hour += 1) {
      await schedule.tick();
      clock.advance(3_600_000);
    }
    expect(daily.periods).toHaveLength(70);
    expect(new Set(daily.periods).size).toBe(70);
    expect(weekly.periods).toHaveLength(10);
    expect(monthly.periods).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ]);
    const runs = await store.listRuns({ job: 'macros', limit: 100 });
    expect(runs).toHaveLength(10);
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      report: { proposed: [{ id: 'macro-1' }], heldBack: [] },
    });
  });

  it('several schedules on one store run each job once per period', async () => {
    const clock = createManualClock(start);
    const store = createMemoryLearningScheduleStore();
    const { job, periods } = countingJob('detect', { everyMs: 6 * 3_600_000 });
    const schedules = ['a', 'b', 'c'].map((ownerId) =>
      createLearningSchedule({ jobs: [job], store, clock, ownerId }),
    );
    for (let step = 0; step < 4 * 14; step += 1) {
      const results = await Promise.all(schedules.map((schedule) => schedule.tick()));
      expect(results.flat().filter((result) => result.outcome === 'ran')).toHaveLength(
        step % 3 === 0 ? 1 : 0,
      );
      clock.advance(2 * 3_600_000);
    }
    expect(periods).toHaveLength(19);
  });

  it('records a failed job and an invalid report, and does not rerun them in the period', async () => {
    const clock = createManualClock(start);
    const store = createMemoryLearningScheduleStore();
    let calls = 0;
    const schedule = createLearningSchedule({
      jobs: [
        {
          name: 'throws',
          cadence: { every: 'day' },
          run: () => {
            calls += 1;
            throw new Error('no outcomes yet');
          },
        },
        {
          name: 'bad-report',
          cadence: { every: 'day' },
          run: () => ({ heldBack: [{ kind: 'route', description: 'x' }] }) as never,
        },
      ],
      store,
      clock,
    });
    const first = await schedule.tick();
    expect(first.map((result) => [result.outcome, result.run.status])).toEqual([
      ['ran', 'failed'],
      ['ran', 'failed'],
    ]);
    expect(first[0]?.run.error).toContain('no outcomes yet');
    expect(first[1]?.run.error).toContain('Invalid job report');
    expect((await schedule.tick({ now: start + 3_600_000 })).map((r) => r.outcome)).toEqual([
      'skipped',
      'skipped',
    ]);
    await schedule.tick({ now: start + day });
    expect(calls).toBe(2);
  });

  it('takes over a run whose process died once the lease expires, and the late finisher loses', async () => {
    const clock = createManualClock(start);
    const store = createMemoryLearningScheduleStore();
    let release: (() => void) | undefined;
    const attempts: number[] = [];
    const job: LearningJob = {
      name: 'slow',
      cadence: { every: 'day' },
      run: async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt === 1) await new Promise<void>((resolve) => (release = resolve));
        return {};
      },
    };
    const stuck = createLearningSchedule({
      jobs: [job],
      store,
      clock,
      ownerId: 'a',
      leaseMs: 60_000,
    });
    const other = createLearningSchedule({
      jobs: [job],
      store,
      clock,
      ownerId: 'b',
      leaseMs: 60_000,
    });
    const pending = stuck.tick();
    await Promise.resolve();
    expect((await other.tick({ now: start + 59_999 }))[0]?.outcome).toBe('skipped');
    const takeover = await other.tick({ now: start + 60_000 });
    expect(takeover[0]).toMatchObject({
      outcome: 'ran',
      run: { claimant: 'b', attempt: 2, status: 'succeeded' },
    });
    release?.();
    expect((await pending)[0]?.outcome).toBe('lease_lost');
    expect(attempts).toEqual([1, 2]);
  });

  it('ticks on the clock with start() and stop()', async () => {
    const clock = createManualClock(start);
    const { job, periods } = countingJob('hourly', { everyMs: 3_600_000 });
    const schedule = createLearningSchedule({
      jobs: [job],
      store: createMemoryLearningScheduleStore(),
      clock,
    });
    schedule.start({ intervalMs: 600_000 });
    schedule.start({ intervalMs: 600_000 }); // a second start is ignored
    for (let index = 0; index < 6 * 24 * 7; index += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(600_000);
    }
    await schedule.stop();
    // The last advance lands on the start of hour 169, whose timer fires too.
    expect(periods).toHaveLength(24 * 7 + 1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('passes the abortSignal and stops between jobs when aborted', async () => {
    const clock = createManualClock(start);
    const controller = new AbortController();
    const seen: Array<AbortSignal | undefined> = [];
    const schedule = createLearningSchedule({
      jobs: [
        {
          name: 'first',
          cadence: { every: 'day' },
          run: ({ abortSignal }) => {
            seen.push(abortSignal);
            controller.abort(new Error('shutting down'));
            return {};
          },
        },
        { name: 'second', cadence: { every: 'day' }, run: () => ({}) },
      ],
      store: createMemoryLearningScheduleStore(),
      clock,
    });
    await expect(schedule.tick({ abortSignal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
    // The job gets the tick's signal combined with lease loss: aborting the tick aborts it.
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(true);
    expect(seen[0]?.reason).toBe(controller.signal.reason);
  });

  it('leaves the claim of a job cancelled mid-run to expire, so the period runs later', async () => {
    const clock = createManualClock(start);
    const store = createMemoryLearningScheduleStore();
    const controller = new AbortController();
    const attempts: number[] = [];
    const job: LearningJob = {
      name: 'cancellable',
      cadence: { every: 'day' },
      run: ({ attempt, abortSignal }) => {
        attempts.push(attempt);
        if (attempt === 1) {
          controller.abort(new Error('shutting down'));
          throw abortSignal?.reason;
        }
        return {};
      },
    };
    const schedule = createLearningSchedule({ jobs: [job], store, clock, leaseMs: 60_000 });
    await expect(schedule.tick({ abortSignal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
    expect((await store.listRuns({ limit: 5 }))[0]?.status).toBe('running');
    const later = await schedule.tick({ now: start + 60_000 });
    expect(later[0]?.run).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(attempts).toEqual([1, 2]);
  });

  describe('lease heartbeat', () => {
    const leaseMs = 60_000;
    const settle = async () => {
      for (let index = 0; index < 5; index += 1) await new Promise((r) => setImmediate(r));
    };
    // Advances the manual clock a third of a lease at a time, letting each renewal finish.
    const advance = async (clock: ReturnType<typeof createManualClock>, ms: number) => {
      for (let left = ms; left > 0; left -= leaseMs / 3) {
        clock.advance(Math.min(leaseMs / 3, left));
        await settle();
      }
    };
    const blockingJob = () => {
      const calls: Array<{ attempt: number; signal: AbortSignal | undefined }> = [];
      let release: (() => void) | undefined;
      const job: LearningJob = {
        name: 'slow',
        cadence: { every: 'day' },
        run: ({ attempt, abortSignal }) => {
          calls.push({ attempt, signal: abortSignal });
          if (attempt > 1) return {};
          return new Promise((resolve, reject) => {
            release = () => resolve({ summary: 'done' });
            abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), {
              once: true,
            });
          });
        },
      };
      return { job, calls, release: () => release?.() };
    };

    it('keeps a job that outlives its lease from running twice', async () => {
      const clock = createManualClock(start);
      const store = createMemoryLearningScheduleStore();
      const { job, calls, release } = blockingJob();
      const a = createLearningSchedule({ jobs: [job], store, clock, ownerId: 'a', leaseMs });
      const b = createLearningSchedule({ jobs: [job], store, clock, ownerId: 'b', leaseMs });
      const pending = a.tick();
      await settle();
      await advance(clock, 3 * leaseMs);
      const skipped = await b.tick();
      expect(skipped[0]).toMatchObject({ outcome: 'skipped', run: { claimant: 'a', attempt: 1 } });
      expect(skipped[0]?.run.leaseExpiresAt).toBeGreaterThan(clock.now());
      release();
      const done = await pending;
      expect(done[0]).toMatchObject({
        outcome: 'ran',
        run: { claimant: 'a', attempt: 1, status: 'succeeded', report: { summary: 'done' } },
      });
      expect(calls.map((call) => call.attempt)).toEqual([1]);
      expect(clock.pendingTimers()).toBe(0);
    });

    it('aborts the job when renewals are refused, and another process takes over exactly once', async () => {
      const clock = createManualClock(start);
      const memory = createMemoryLearningScheduleStore();
      const refusing: LearningScheduleStore = { ...memory, renewRun: async () => undefined };
      const { job, calls } = blockingJob();
      const a = createLearningSchedule({
        jobs: [job],
        store: refusing,
        clock,
        ownerId: 'a',
        leaseMs,
      });
      const b = createLearningSchedule({
        jobs: [job],
        store: memory,
        clock,
        ownerId: 'b',
        leaseMs,
      });
      const pending = a.tick();
      await settle();
      await advance(clock, leaseMs / 3);
      const lost = await pending;
      expect(lost[0]).toMatchObject({ outcome: 'lease_lost', run: { claimant: 'a', attempt: 1 } });
      const reason: unknown = calls[0]?.signal?.reason;
      expect(LearningLeaseLostError.isInstance(reason)).toBe(true);
      expect(reason).toMatchObject({
        code: 'learning_lease_lost',
        reason: 'taken_over',
        attempt: 1,
      });
      expect(clock.pendingTimers()).toBe(0);
      // Not recorded: the claim stays until its lease expires, then b takes over once.
      expect((await b.tick())[0]?.outcome).toBe('skipped');
      await advance(clock, leaseMs);
      expect((await b.tick())[0]).toMatchObject({
        outcome: 'ran',
        run: { claimant: 'b', attempt: 2, status: 'succeeded' },
      });
      expect((await b.tick())[0]?.outcome).toBe('skipped');
      expect((await a.tick())[0]?.outcome).toBe('skipped');
      expect(calls.map((call) => call.attempt)).toEqual([1, 2]);
    });

    it('aborts the job with the store error as cause when a renewal throws', async () => {
      const clock = createManualClock(start);
      const memory = createMemoryLearningScheduleStore();
      const failure = new Error('connection reset');
      const broken: LearningScheduleStore = {
        ...memory,
        renewRun: async () => {
          throw failure;
        },
      };
      const { job, calls } = blockingJob();
      const a = createLearningSchedule({ jobs: [job], store: broken, clock, leaseMs });
      const pending = a.tick();
      await settle();
      await advance(clock, leaseMs / 3);
      expect((await pending)[0]?.outcome).toBe('lease_lost');
      expect(calls[0]?.signal?.reason).toMatchObject({ reason: 'renewal_failed', cause: failure });
      expect(
        (await memory.getRun('slow', (await memory.listRuns({ limit: 1 }))[0]?.periodKey ?? ''))
          ?.status,
      ).toBe('running');
      expect(clock.pendingTimers()).toBe(0);
    });

    it('stops the heartbeat after a failed job and after an aborted tick', async () => {
      const clock = createManualClock(start);
      const store = createMemoryLearningScheduleStore();
      const controller = new AbortController();
      const schedule = createLearningSchedule({
        jobs: [
          {
            name: 'throws',
            cadence: { every: 'day' },
            run: () => {
              throw new Error('boom');
            },
          },
          {
            name: 'aborted',
            cadence: { every: 'day' },
            run: ({ abortSignal }) => {
              controller.abort(new Error('shutting down'));
              throw abortSignal?.reason;
            },
          },
        ],
        store,
        clock,
        leaseMs,
      });
      await expect(schedule.tick({ abortSignal: controller.signal })).rejects.toThrow(
        'shutting down',
      );
      expect(clock.pendingTimers()).toBe(0);
      expect(
        (await store.getRun('throws', (await store.listRuns({ limit: 1 }))[0]?.periodKey ?? ''))
          ?.status,
      ).toBe('failed');
    });
  });

  it('rejects malformed options with invalid_input', () => {
    const clock = createManualClock(start);
    const store = createMemoryLearningScheduleStore();
    const job = { name: 'a', cadence: { every: 'day' as const }, run: () => ({}) };
    for (const options of [
      { jobs: [], store, clock },
      { jobs: [job, job], store, clock },
      { jobs: [{ ...job, cadence: { every: 'year' } }], store, clock },
      { jobs: [job], store: {}, clock },
      {
        jobs: [job],
        store: { ...store, renewRun: undefined },
        clock,
      },
      { jobs: [job], store, clock: Date },
      { jobs: [job], store, clock, leaseMs: 5 },
      undefined,
    ]) {
      expect(() => createLearningSchedule(options as never)).toThrow(InvalidInputError);
    }
    const schedule = createLearningSchedule({ jobs: [job], store, clock });
    expect(() => schedule.start({ intervalMs: 0 })).toThrow(InvalidInputError);
    return expect(schedule.tick({ now: -1 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
