import { createManualClock } from '@guardloop/core';
import { createLearningSchedule, type LearningJob } from '@guardloop/hypotheses';
import { runLearningScheduleStoreContract } from '@guardloop/hypotheses/test';
import { expect, it, vi } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresLearningScheduleStore } from './postgres-learning-schedule-store';

describeWithPostgres('learning schedule on a real PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'learning_real');
  runLearningScheduleStoreContract({
    name: 'postgres store on a pg Pool',
    createStore: async () =>
      createPostgresLearningScheduleStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });

  it('runs each job once per period when schedules on separate pools tick together', async () => {
    const schema = await database.newSchema();
    const clock = createManualClock(Date.parse('2026-11-30T00:00:00Z'));
    const runs = new Map<string, number>();
    const job = (name: string, cadence: LearningJob['cadence']): LearningJob => ({
      name,
      cadence,
      run: ({ period }) => {
        const key = `${name} ${period.key}`;
        runs.set(key, (runs.get(key) ?? 0) + 1);
        return { changed: [{ kind: 'test', description: key }] };
      },
    });
    const jobs = [job('daily', { every: 'day' }), job('weekly', { every: 'week' })];
    const schedules = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (ownerId) =>
        createLearningSchedule({
          jobs,
          clock,
          ownerId,
          store: createPostgresLearningScheduleStore({
            client: await database.separateClient(),
            schema,
          }),
        }),
      ),
    );
    for (let step = 0; step < 14 * 4; step += 1) {
      await Promise.all(schedules.map((schedule) => schedule.tick()));
      clock.advance(6 * 3_600_000);
    }
    expect(runs.size).toBe(14 + 2);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  }, 120_000);

  it('keeps a job that outlives its lease from running twice (heartbeat renewals)', async () => {
    const schema = await database.newSchema();
    const clock = createManualClock(Date.parse('2026-11-30T00:00:00Z'));
    const leaseMs = 60_000;
    let renewals = 0;
    const storeOf = async () => {
      const store = createPostgresLearningScheduleStore({
        client: await database.separateClient(),
        schema,
      });
      return {
        ...store,
        renewRun: async (...args: Parameters<typeof store.renewRun>) => {
          const renewed = await store.renewRun(...args);
          renewals += 1;
          return renewed;
        },
      };
    };
    const attempts: number[] = [];
    let release: (() => void) | undefined;
    const job: LearningJob = {
      name: 'slow',
      cadence: { every: 'day' },
      run: async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt === 1) await new Promise<void>((resolve) => (release = resolve));
        return {};
      },
    };
    const a = createLearningSchedule({
      jobs: [job],
      clock,
      ownerId: 'a',
      leaseMs,
      store: await storeOf(),
    });
    const b = createLearningSchedule({
      jobs: [job],
      clock,
      ownerId: 'b',
      leaseMs,
      store: await storeOf(),
    });
    const pending = a.tick();
    await vi.waitFor(() => expect(attempts).toEqual([1]));
    for (let beat = 1; beat <= 9; beat += 1) {
      clock.advance(leaseMs / 3);
      await vi.waitFor(() => expect(renewals).toBe(beat));
    }
    expect((await b.tick())[0]).toMatchObject({ outcome: 'skipped', run: { claimant: 'a' } });
    release?.();
    expect((await pending)[0]).toMatchObject({ outcome: 'ran', run: { status: 'succeeded' } });
    expect(attempts).toEqual([1]);
    expect(clock.pendingTimers()).toBe(0);
  }, 60_000);
});

describeWithPostgres('learning schedule on a REPEATABLE READ server default', () => {
  const database = useTestDatabase('postgres-repeatable-read', 'learning_rr');
  runLearningScheduleStoreContract({
    name: 'postgres store, repeatable read by default',
    createStore: async () =>
      createPostgresLearningScheduleStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});
