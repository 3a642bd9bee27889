import { runCounterStoreContract } from '@guardloop/economic/test';
import { describe, expect, it } from 'vitest';
import { describeWithPostgres, useTestDatabase } from '../test-support/test-databases';
import { createPostgresCounterStore } from './postgres-counter-store';

const memory = useTestDatabase('pglite', 'counter_pglite');
runCounterStoreContract('postgres on PGlite (memory)', async () =>
  createPostgresCounterStore({ client: await memory.client(), schema: await memory.newSchema() }),
);

const file = useTestDatabase('pglite-file', 'counter_file');
runCounterStoreContract('postgres on PGlite (file)', async () =>
  createPostgresCounterStore({ client: await file.client(), schema: await file.newSchema() }),
);

describeWithPostgres('counter store on a real PostgreSQL server', () => {
  const server = useTestDatabase('postgres', 'counter_real');
  runCounterStoreContract('postgres on a pg Pool', async () =>
    createPostgresCounterStore({ client: await server.client(), schema: await server.newSchema() }),
  );
});

describe('createPostgresCounterStore', () => {
  it('rejects bad options with invalid_input', async () => {
    expect(() => createPostgresCounterStore({} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const client = await memory.client();
    expect(() => createPostgresCounterStore({ client, schema: 'Bad Schema' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
