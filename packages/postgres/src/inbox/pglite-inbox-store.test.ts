import { runInboxStoreContract } from '@guardloop/inbox/test';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresInboxStore } from './postgres-inbox-store';

const memory = useTestDatabase('pglite', 'inbox_pglite');
runInboxStoreContract({
  name: 'postgres store on PGlite (memory)',
  createStore: async () =>
    createPostgresInboxStore({ client: await memory.client(), schema: await memory.newSchema() }),
});

const file = useTestDatabase('pglite-file', 'inbox_pglite_file');
runInboxStoreContract({
  name: 'postgres store on PGlite (file)',
  createStore: async () =>
    createPostgresInboxStore({ client: await file.client(), schema: await file.newSchema() }),
});
