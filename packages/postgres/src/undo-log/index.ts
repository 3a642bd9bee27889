// A subpath of its own: @guardloop/undo-log is an optional peer, so the root entry must not load it.
export {
  createPostgresUndoLogStore,
  type PostgresUndoLogStoreOptions,
} from './postgres-undo-log-store';
