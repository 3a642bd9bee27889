// @guardloop/postgres for an undo-log-only host, without its other optional peers: `require` loads it.
'use strict';

const { PGlite } = require('@electric-sql/pglite');
const { createPgliteClient, migrate } = require('@guardloop/postgres');
const { createPostgresUndoLogStore } = require('@guardloop/postgres/undo-log');

(async () => {
  const database = new PGlite();
  await migrate(createPgliteClient(database));
  createPostgresUndoLogStore({ client: createPgliteClient(database) });
  await database.close();
  console.log(
    '  ok    require @guardloop/postgres and ./undo-log without the other optional peers',
  );
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
