// A subpath of its own: @guardloop/inbox is an optional peer, so the root entry must not load it.
export {
  createPostgresInboxStore,
  type PostgresInboxStoreOptions,
} from './postgres-inbox-store';
