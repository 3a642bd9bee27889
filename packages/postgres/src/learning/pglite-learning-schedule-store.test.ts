import { MalformedLearningRunError } from '@guardloop/hypotheses';
import { runLearningScheduleStoreContract } from '@guardloop/hypotheses/test';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresLearningScheduleStore } from './postgres-learning-schedule-store';

const memory = useTestDatabase('pglite', 'learning_pglite');
runLearningScheduleStoreContract({
  name: 'postgres store on PGlite (memory)',
  createStore: async () =>
    createPostgresLearningScheduleStore({
      client: await memory.client(),
      schema: await memory.newSchema(),
    }),
});

describe('createPostgresLearningScheduleStore', () => {
  it('rejects malformed options with invalid_input', async () => {
    const client = await memory.client();
    for (const options of [undefined, {}, { client: {} }, { client, schema: 'Robert; DROP' }])
      expect(() => createPostgresLearningScheduleStore(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });
});

describe('createPostgresLearningScheduleStore rows', () => {
  it('surfaces a damaged row as malformed_learning_run', async () => {
    const client = await memory.client();
    const schema = await memory.newSchema();
    const store = createPostgresLearningScheduleStore({ client, schema });
    const claim = {
      job: 'j',
      periodKey: 'p',
      periodStart: 0,
      periodEnd: 1000,
      claimant: 'a',
      now: 10,
      leaseMs: 1000,
    };
    await store.claimRun(claim);
    await client.query(
      `UPDATE "${schema}".guardloop_learning_runs SET report = '{"changed": 3}'::jsonb`,
    );
    await expect(store.getRun('j', 'p')).rejects.toSatisfy(MalformedLearningRunError.isInstance);
    await expect(store.listRuns({ limit: 5 })).rejects.toMatchObject({
      code: 'malformed_learning_run',
      job: 'j',
      periodKey: 'p',
    });
  });
});
