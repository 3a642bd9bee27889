export {
  createPgClient,
  type PgConnectionLike,
  type PgPoolLike,
} from './client/create-pg-client';
export { createPgliteClient, type PgliteLike } from './client/create-pglite-client';
export type { SqlClient, SqlResult } from './client/sql-client';
export {
  createPostgresCounterStore,
  type PostgresCounterStoreOptions,
} from './counter/postgres-counter-store';
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
