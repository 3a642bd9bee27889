import { runUndoLogStoreContract } from '@guardloop/undo-log/test';
import { useTestDatabase } from '../test-support/test-databases';
import { createPostgresUndoLogStore } from './postgres-undo-log-store';

const memory = useTestDatabase('pglite', 'undo_pglite');
runUndoLogStoreContract({
  name: 'postgres store on PGlite (memory)',
  createStore: async () =>
    createPostgresUndoLogStore({ client: await memory.client(), schema: await memory.newSchema() }),
});

const file = useTestDatabase('pglite-file', 'undo_pglite_file');
runUndoLogStoreContract({
  name: 'postgres store on PGlite (file)',
  createStore: async () =>
    createPostgresUndoLogStore({ client: await file.client(), schema: await file.newSchema() }),
});
