import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const ticketSlaTicketsTable = 'guardloop_ticket_sla_tickets';
export const ticketSlaEmissionsTable = 'guardloop_ticket_sla_emissions';

/**
 * Live tickets of the ticket SLA monitor of `@guardloop/intake` (state, revision, next due time,
 * lease) and the keys of the warnings and breaches emitted for them: the emissions' primary key
 * is what lets several monitors emit each alert once.
 */
export const ticketSlaMigration: Migration = {
  id: '0012_ticket_sla',
  statements: (schema) => {
    const tickets = qualifiedTable(schema, ticketSlaTicketsTable);
    const emissions = qualifiedTable(schema, ticketSlaEmissionsTable);
    return [
      `CREATE TABLE IF NOT EXISTS ${tickets} (
        ticket_id text PRIMARY KEY,
        state jsonb NOT NULL,
        revision integer NOT NULL,
        next_check_at bigint,
        claimant text,
        lease_expires_at bigint NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_ticket_sla_due
        ON ${tickets} (next_check_at) WHERE next_check_at IS NOT NULL`,
      `CREATE TABLE IF NOT EXISTS ${emissions} (
        ticket_id text NOT NULL REFERENCES ${tickets} (ticket_id) ON DELETE CASCADE,
        key text NOT NULL,
        sequence bigserial NOT NULL,
        emitted_at bigint NOT NULL,
        PRIMARY KEY (ticket_id, key)
      )`,
    ];
  },
};
