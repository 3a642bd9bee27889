// A subpath of its own: @guardloop/economic is an optional peer, so the root entry must not load it.
export {
  createPostgresCounterStore,
  type PostgresCounterStoreOptions,
} from './postgres-counter-store';
