export {
  createPgClient,
  type PgConnectionLike,
  type PgPoolLike,
} from './client/create-pg-client';
export { createPgliteClient, type PgliteLike } from './client/create-pglite-client';
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
  createPostgresCounterStore,
  type PostgresCounterStoreOptions,
} from './counter/postgres-counter-store';
export {
  DatabaseLockedError,
  type DatabaseLockHolder,
} from './errors/database-locked-error';
export { PgliteNotInstalledError } from './errors/pglite-not-installed-error';
export { type PostgresErrorCode, postgresErrorCodes } from './errors/postgres-error-codes';
export {
  createPostgresFeedbackStore,
  type PostgresFeedbackStoreOptions,
} from './feedback/postgres-feedback-store';
export {
  type MigrateOptions,
  type MigrateResult,
  migrate,
} from './migrations/migrate';
export {
  createPostgresUndoLogStore,
  type PostgresUndoLogStoreOptions,
} from './undo-log/postgres-undo-log-store';
