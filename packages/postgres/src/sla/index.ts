// A subpath of its own: @guardloop/intake is an optional peer, so the root entry must not load it.
export {
  createPostgresTicketSlaStore,
  type PostgresTicketSlaStoreOptions,
} from './postgres-ticket-sla-store';
