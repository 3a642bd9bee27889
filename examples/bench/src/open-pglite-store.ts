import { PGlite } from '@electric-sql/pglite';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';
import type { UndoLogStore } from '@guardloop/undo-log';

/** The PostgreSQL undo-log store over an in-memory PGlite database, migrated and ready. */
export async function openPgliteStore(): Promise<{
  store: UndoLogStore;
  close: () => Promise<void>;
}> {
  const database = new PGlite();
  const client = createPgliteClient(database);
  await migrate(client);
  return { store: createPostgresUndoLogStore({ client }), close: () => database.close() };
}
