// A subpath of its own: @guardloop/intake is an optional peer, so the root entry must not load it.
export {
  createPostgresEmailThreadStore,
  type PostgresEmailThreadStoreOptions,
} from './postgres-email-thread-store';
