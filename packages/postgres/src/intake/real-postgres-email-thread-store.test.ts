import { runEmailThreadStoreContract } from '@guardloop/intake/test';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresEmailThreadStore } from './postgres-email-thread-store';

describeWithPostgres('email thread store on a real PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'email_threads_real');
  runEmailThreadStoreContract({
    name: 'postgres store on a pg Pool',
    createStore: async () =>
      createPostgresEmailThreadStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});

describeWithPostgres('email thread store on a REPEATABLE READ server default', () => {
  const database = useTestDatabase('postgres-repeatable-read', 'email_threads_rr');
  runEmailThreadStoreContract({
    name: 'postgres store, repeatable read by default',
    createStore: async () =>
      createPostgresEmailThreadStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});
