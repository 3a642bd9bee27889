// @guardloop/postgres installed as its README says, without its optional peers: `import` loads it.
import { PGlite } from '@electric-sql/pglite';
import { createPgliteClient, createPostgresUndoLogStore, migrate } from '@guardloop/postgres';

const database = new PGlite();
await migrate(createPgliteClient(database));
createPostgresUndoLogStore({ client: createPgliteClient(database) });
await database.close();
console.log('  ok    import @guardloop/postgres without its optional peers');
