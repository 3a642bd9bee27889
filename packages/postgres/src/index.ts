// The client, PGlite, errors and migrations only: each store is on its own subpath
// (`./undo-log`, `./feedback`, `./counter`, `./inbox`, `./learning`), so its optional peer loads
// only when used.
export {
  createPgClient,
  type PgClientOptions,
  type PgConnectionLike,
  type PgPoolLike,
  type PgResultLike,
} from './client/create-pg-client';
export {
  createPgliteClient,
  type PgliteLike,
  type PgliteQueryable,
  type PgliteResultLike,
} from './client/create-pglite-client';
export {
  type ClosablePglite,
  type OpenPgliteDirectoryOptions,
  openPgliteDirectory,
  type PgliteDirectory,
} from './client/open-pglite-directory';
export { pgliteLockFileName } from './client/pglite-directory-lock';
export type {
  IsolationLevel,
  QueryOptions,
  SqlClient,
  SqlResult,
  TransactionOptions,
} from './client/sql-client';
export {
  DatabaseLockedError,
  type DatabaseLockHolder,
} from './errors/database-locked-error';
export { PgliteNotInstalledError } from './errors/pglite-not-installed-error';
export { type PostgresErrorCode, postgresErrorCodes } from './errors/postgres-error-codes';
export {
  type MigrateOptions,
  type MigrateResult,
  migrate,
} from './migrations/migrate';
