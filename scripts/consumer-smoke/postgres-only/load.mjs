// @guardloop/postgres for an undo-log-only host, without its other optional peers: `import` loads it.
import { PGlite } from '@electric-sql/pglite';
import { createPgliteClient, migrate } from '@guardloop/postgres';
import { createPostgresUndoLogStore } from '@guardloop/postgres/undo-log';

const database = new PGlite();
await migrate(createPgliteClient(database));
createPostgresUndoLogStore({ client: createPgliteClient(database) });
await database.close();
console.log('  ok    import @guardloop/postgres and ./undo-log without the other optional peers');
