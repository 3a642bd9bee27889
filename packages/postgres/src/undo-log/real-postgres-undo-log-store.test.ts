import { runUndoLogStoreContract } from '@guardloop/undo-log/test';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

describeWithPostgres('undo log on a real PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'undo_real');
  runUndoLogStoreContract({
    name: 'postgres store on a pg Pool',
    createStore: async () =>
      createPostgresUndoLogStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});
