import { runFeedbackStoreContract } from '@guardloop/feedback/test';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresFeedbackStore } from './postgres-feedback-store';

// Every test of the contract gets a fresh, migrated schema of the file's database.
const memory = useTestDatabase('pglite', 'feedback_pglite');
runFeedbackStoreContract({
  name: 'postgres on PGlite (memory)',
  createStore: async () =>
    createPostgresFeedbackStore({
      client: await memory.client(),
      schema: await memory.newSchema(),
    }),
});

const file = useTestDatabase('pglite-file', 'feedback_file');
runFeedbackStoreContract({
  name: 'postgres on PGlite (file)',
  createStore: async () =>
    createPostgresFeedbackStore({ client: await file.client(), schema: await file.newSchema() }),
});

describeWithPostgres('feedback store on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'feedback_real');
  runFeedbackStoreContract({
    name: 'postgres on a pg Pool',
    createStore: async () =>
      createPostgresFeedbackStore({
        client: await server.client(),
        schema: await server.newSchema(),
      }),
  });
});
