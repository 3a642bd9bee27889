import { createManualClock } from '@guardloop/core';
import { createLearningSchedule, type LearningJob } from '@guardloop/hypotheses';
import { runLearningScheduleStoreContract } from '@guardloop/hypotheses/test';
import { expect, it } from 'vitest';
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
