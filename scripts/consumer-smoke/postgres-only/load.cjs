// @guardloop/postgres installed as its README says, without its optional peers: `require` loads it.
'use strict';

const { PGlite } = require('@electric-sql/pglite');
const { createPgliteClient, createPostgresUndoLogStore, migrate } = require('@guardloop/postgres');

(async () => {
  const database = new PGlite();
  await migrate(createPgliteClient(database));
  createPostgresUndoLogStore({ client: createPgliteClient(database) });
  await database.close();
  console.log('  ok    require @guardloop/postgres without its optional peers');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
