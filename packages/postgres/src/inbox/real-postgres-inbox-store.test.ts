import type { InboxStore } from '@guardloop/inbox';
import { runInboxStoreContract } from '@guardloop/inbox/test';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresInboxStore } from './postgres-inbox-store';

describeWithPostgres('inbox on a real PostgreSQL server', () => {
  const database = useTestDatabase('postgres', 'inbox_real');
  // Each store's schema, so that a peer (its own pool: another process) opens the same data.
  const schemas = new WeakMap<InboxStore, string>();
  runInboxStoreContract({
    name: 'postgres store on a pg Pool',
    createStore: async () => {
      const schema = await database.newSchema();
      const store = createPostgresInboxStore({ client: await database.client(), schema });
      schemas.set(store, schema);
      return store;
    },
    createPeerStore: async (store) =>
      createPostgresInboxStore({
        client: await database.separateClient(),
        schema: schemas.get(store) as string,
      }),
  });
});

describeWithPostgres('inbox on a REPEATABLE READ server default', () => {
  const database = useTestDatabase('postgres-repeatable-read', 'inbox_rr');
  runInboxStoreContract({
    name: 'postgres store, repeatable read by default',
    createStore: async () =>
      createPostgresInboxStore({
        client: await database.client(),
        schema: await database.newSchema(),
      }),
  });
});
