import pg from 'pg';
import { createPgClient } from '../client/create-pg-client';
import { openPgliteDirectory } from '../client/open-pglite-directory';
import type { SqlClient } from '../client/sql-client';
import { migrate } from '../migrations/migrate';
import { createPostgresUndoLogStore } from '../undo-log/postgres-undo-log-store';

/** Opens a migrated undo-log store on a PGlite directory or a server URL (child processes). */
export async function openStore(location: string, schema: string) {
  let client: SqlClient;
  let close: () => Promise<void>;
  if (location.startsWith('postgres://')) {
    const pool = new pg.Pool({ connectionString: location, max: 2 });
    client = createPgClient(pool);
    close = () => pool.end();
  } else {
    ({ client, close } = await openPgliteDirectory(location));
  }
  await migrate(client, { schema });
  return { client, close, store: createPostgresUndoLogStore({ client, schema }) };
}
