import { InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type {
  LearningRunClaim,
  LearningRunRenewal,
  LearningScheduleStore,
} from '../schedule/learning-schedule-store';

export interface LearningScheduleStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns an empty store; called once per test. */
  createStore: () => LearningScheduleStore | Promise<LearningScheduleStore>;
}

const day = 86_400_000;
const claim = (overrides: Partial<LearningRunClaim> = {}): LearningRunClaim => ({
  job: 'floor-calibration',
  periodKey: '2026-12-01T00:00:00.000Z',
  periodStart: Date.UTC(2026, 11, 1),
  periodEnd: Date.UTC(2026, 11, 2),
  claimant: 'worker-a',
  now: Date.UTC(2026, 11, 1, 3),
  leaseMs: 60_000,
  ...overrides,
});
const renewal = (overrides: Partial<LearningRunRenewal> = {}): LearningRunRenewal => ({
  job: 'floor-calibration',
  periodKey: '2026-12-01T00:00:00.000Z',
  claimant: 'worker-a',
  attempt: 1,
  now: Date.UTC(2026, 11, 1, 3) + 20_000,
  leaseMs: 60_000,
  ...overrides,
});
const report = {
  changed: [
    {
      kind: 'floor',
      id: 'refund-limit',
      description: 'Floor 0.7 -> 0.74',
      details: { from: 0.7, to: 0.74 },
    },
  ],
  proposed: [{ kind: 'artifact', id: 'macro-42', description: 'New refund macro version' }],
  heldBack: [{ kind: 'route', description: 'Move billing to tier 2', reason: 'Only 12 outcomes' }],
  summary: 'ok',
};

/** The behaviour every `LearningScheduleStore` must have, as vitest suites. */
export function runLearningScheduleStoreContract({
  name,
  createStore,
}: LearningScheduleStoreContractOptions): void {
  describe(`LearningScheduleStore contract (${name})`, () => {
    it('claims a period once and records the finished run', async () => {
      const store = await createStore();
      const first = await store.claimRun(claim());
      expect(first).toMatchObject({
        claimed: true,
        run: { status: 'running', attempt: 1, claimant: 'worker-a', startedAt: claim().now },
      });
      const second = await store.claimRun(claim({ claimant: 'worker-b' }));
      expect(second).toMatchObject({ claimed: false, run: { claimant: 'worker-a' } });
      const done = await store.completeRun({
        job: 'floor-calibration',
        periodKey: claim().periodKey,
        claimant: 'worker-a',
        now: claim().now + 5_000,
        status: 'succeeded',
        report,
      });
      expect(done).toEqual({
        job: 'floor-calibration',
        periodKey: claim().periodKey,
        periodStart: claim().periodStart,
        periodEnd: claim().periodEnd,
        status: 'succeeded',
        claimant: 'worker-a',
        attempt: 1,
        startedAt: claim().now,
        leaseExpiresAt: claim().now + 60_000,
        finishedAt: claim().now + 5_000,
        report,
      });
      expect(await store.getRun('floor-calibration', claim().periodKey)).toEqual(done);
      // A finished run is never claimed again, however late.
      const late = await store.claimRun(
        claim({ claimant: 'worker-b', now: claim().now + day / 2 }),
      );
      expect(late).toMatchObject({ claimed: false, run: { status: 'succeeded' } });
    });

    it('lets another claimant take over an expired lease, and the old one then loses', async () => {
      const store = await createStore();
      await store.claimRun(claim());
      expect(
        (await store.claimRun(claim({ claimant: 'worker-b', now: claim().now + 59_999 }))).claimed,
      ).toBe(false);
      const takeover = await store.claimRun(
        claim({ claimant: 'worker-b', now: claim().now + 60_000 }),
      );
      expect(takeover).toMatchObject({ claimed: true, run: { claimant: 'worker-b', attempt: 2 } });
      const stale = await store.completeRun({
        job: 'floor-calibration',
        periodKey: claim().periodKey,
        claimant: 'worker-a',
        now: claim().now + 61_000,
        status: 'succeeded',
        report,
      });
      expect(stale).toBeUndefined();
      const failed = await store.completeRun({
        job: 'floor-calibration',
        periodKey: claim().periodKey,
        claimant: 'worker-b',
        now: claim().now + 62_000,
        status: 'failed',
        error: 'boom',
      });
      expect(failed).toMatchObject({ status: 'failed', error: 'boom', attempt: 2 });
      expect(failed?.report).toBeUndefined();
      expect(
        (await store.claimRun(claim({ claimant: 'worker-c', now: claim().now + day }))).claimed,
      ).toBe(false);
    });

    it('renews the lease of the claimant holding the running run', async () => {
      const store = await createStore();
      await store.claimRun(claim());
      const renewed = await store.renewRun(renewal());
      expect(renewed).toMatchObject({
        status: 'running',
        claimant: 'worker-a',
        attempt: 1,
        startedAt: claim().now,
        leaseExpiresAt: claim().now + 80_000,
      });
      expect(await store.getRun(claim().job, claim().periodKey)).toEqual(renewed);
      // Without an attempt the claimant alone is compared; a renewal never shortens the lease.
      const { attempt: _attempt, ...anyAttempt } = renewal({ now: claim().now + 1_000 });
      expect((await store.renewRun(anyAttempt))?.leaseExpiresAt).toBe(claim().now + 80_000);
    });

    it('refuses renewals by another claimant, another attempt, after a takeover or once finished', async () => {
      const store = await createStore();
      expect(await store.renewRun(renewal())).toBeUndefined();
      await store.claimRun(claim());
      expect(await store.renewRun(renewal({ claimant: 'worker-b' }))).toBeUndefined();
      expect(await store.renewRun(renewal({ attempt: 2 }))).toBeUndefined();
      await store.claimRun(claim({ claimant: 'worker-b', now: claim().now + 60_000 }));
      expect(await store.renewRun(renewal({ now: claim().now + 61_000 }))).toBeUndefined();
      expect(
        await store.renewRun(
          renewal({ claimant: 'worker-b', attempt: 1, now: claim().now + 61_000 }),
        ),
      ).toBeUndefined();
      expect(
        await store.renewRun(
          renewal({ claimant: 'worker-b', attempt: 2, now: claim().now + 61_000 }),
        ),
      ).toMatchObject({ claimant: 'worker-b', attempt: 2, leaseExpiresAt: claim().now + 121_000 });
      await store.completeRun({
        job: claim().job,
        periodKey: claim().periodKey,
        claimant: 'worker-b',
        now: claim().now + 62_000,
        status: 'succeeded',
      });
      expect(
        await store.renewRun(
          renewal({ claimant: 'worker-b', attempt: 2, now: claim().now + 63_000 }),
        ),
      ).toBeUndefined();
      expect((await store.getRun(claim().job, claim().periodKey))?.status).toBe('succeeded');
    });

    it('allows no takeover while renewals keep the lease alive', async () => {
      const store = await createStore();
      await store.claimRun(claim());
      for (let step = 1; step <= 10; step += 1) {
        const now = claim().now + step * 20_000;
        expect(await store.renewRun(renewal({ now }))).toBeDefined();
        const other = await store.claimRun(claim({ claimant: 'worker-b', now: now + 30_000 }));
        expect(other).toMatchObject({ claimed: false, run: { claimant: 'worker-a', attempt: 1 } });
      }
      // Once renewals stop, the lease expires and another claimant takes over.
      const takeover = await store.claimRun(
        claim({ claimant: 'worker-b', now: claim().now + 200_000 + 60_000 }),
      );
      expect(takeover).toMatchObject({ claimed: true, run: { claimant: 'worker-b', attempt: 2 } });
    });

    it('does not complete a run that was never claimed', async () => {
      const store = await createStore();
      const completion = {
        job: 'x',
        periodKey: 'p',
        claimant: 'worker-a',
        now: 1,
        status: 'succeeded' as const,
      };
      expect(await store.completeRun(completion)).toBeUndefined();
      expect(await store.getRun('x', 'p')).toBeUndefined();
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const store = await createStore();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          store.claimRun(claim({ claimant: `worker-${index}` })),
        ),
      );
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
      const winner = results.find((result) => result.claimed)?.run.claimant;
      for (const result of results) expect(result.run.claimant).toBe(winner);
    });

    it('keeps periods and jobs apart and lists runs in period order', async () => {
      const store = await createStore();
      for (const [job, offset] of [
        ['b-job', 1],
        ['a-job', 1],
        ['a-job', 0],
        ['a-job', 2],
      ] as const) {
        const start = claim().periodStart + offset * day;
        const result = await store.claimRun(
          claim({
            job,
            periodKey: new Date(start).toISOString(),
            periodStart: start,
            periodEnd: start + day,
          }),
        );
        expect(result.claimed).toBe(true);
      }
      const all = await store.listRuns({ limit: 10 });
      expect(all.map((run) => [run.job, run.periodStart - claim().periodStart])).toEqual([
        ['a-job', 0],
        ['a-job', day],
        ['b-job', day],
        ['a-job', 2 * day],
      ]);
      const some = await store.listRuns({
        job: 'a-job',
        fromPeriodStart: claim().periodStart + day,
        limit: 1,
      });
      expect(some.map((run) => run.periodStart - claim().periodStart)).toEqual([day]);
    });

    it('returns copies: mutating a returned run changes nothing stored', async () => {
      const store = await createStore();
      const { run } = await store.claimRun(claim());
      run.status = 'failed';
      expect((await store.getRun(run.job, run.periodKey))?.status).toBe('running');
    });

    it('rejects malformed arguments with invalid_input and honours an aborted abortSignal', async () => {
      const store = await createStore();
      const invalid = [
        () => store.claimRun(claim({ leaseMs: 0 })),
        () => store.claimRun(claim({ job: '' })),
        () => store.claimRun(claim({ job: 'a\u0000b' })),
        () => store.claimRun(claim({ now: 1.5 })),
        () => store.claimRun(claim({ periodEnd: claim().periodStart })),
        () => store.claimRun({ ...claim(), extra: 1 } as never),
        () => store.claimRun(claim(), { abortSignal: 'no' as never }),
        () => store.getRun('x', undefined as never),
        () => store.renewRun(renewal({ leaseMs: 0 })),
        () => store.renewRun(renewal({ attempt: 0 })),
        () => store.renewRun({ ...renewal(), extra: 1 } as never),
        () => store.listRuns({ limit: 0 }),
        () =>
          store.completeRun({
            job: 'x',
            periodKey: 'p',
            claimant: 'c',
            now: 1,
            status: 'succeeded',
            report: {
              changed: [{ kind: 'x', description: 'y', details: { bad: Number.NaN } }],
            } as never,
          }),
      ];
      for (const call of invalid) {
        const error = await call().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(InvalidInputError.isInstance(error), String(error)).toBe(true);
      }
      const controller = new AbortController();
      controller.abort(new Error('stopped'));
      await expect(store.claimRun(claim(), { abortSignal: controller.signal })).rejects.toThrow(
        'stopped',
      );
      await expect(store.renewRun(renewal(), { abortSignal: controller.signal })).rejects.toThrow(
        'stopped',
      );
      expect(await store.getRun(claim().job, claim().periodKey)).toBeUndefined();
    });
  });
}
