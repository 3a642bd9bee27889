import { expect, it } from 'vitest';
import { type Child, spawnChild } from '../test-support/spawn-child';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresLearningScheduleStore } from './postgres-learning-schedule-store';

// spawnChild runs scripts of test-support/children; the schedule's child lives with the store.
const child = '../../learning/test-support/learning-schedule-child.ts';

describeWithPostgres('the learning schedule across processes on one PostgreSQL database', (url) => {
  const database = useTestDatabase('postgres', 'learning_multi');

  it('runs each job once per period when 4 processes tick the same 14 days at once', async () => {
    const client = await database.client();
    const schema = await database.newSchema();
    await client.query(
      `CREATE TABLE "${schema}".learning_effects (job text, period text, runs int NOT NULL,
         PRIMARY KEY (job, period))`,
    );
    const children: Child[] = ['p1', 'p2', 'p3', 'p4'].map((owner) =>
      spawnChild(child, [url, schema, owner, '14'], 110_000),
    );
    await Promise.all(children.map((started) => started.waitForLine('ready')));
    for (const started of children) started.send('go');
    const made = await Promise.all(
      children.map(async (started) => Number((await started.waitForLine('done:')).slice(5))),
    );
    // 14 days and the 2 weeks starting Mondays 30 Nov and 7 Dec.
    expect(made.reduce((sum, count) => sum + count, 0)).toBe(16);
    const { rows } = await client.query<{ runs: number }>(
      `SELECT runs FROM "${schema}".learning_effects`,
    );
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => Number(row.runs) === 1)).toBe(true);
    const store = createPostgresLearningScheduleStore({ client, schema });
    const runs = await store.listRuns({ limit: 100 });
    expect(runs).toHaveLength(16);
    expect(runs.every((run) => run.status === 'succeeded' && run.attempt === 1)).toBe(true);
  }, 120_000);
});
