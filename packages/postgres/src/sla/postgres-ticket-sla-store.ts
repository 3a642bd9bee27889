import type { Signal } from '@guardloop/core';
import {
  type LiveTicketSla,
  type PendingTicketSlaDelivery,
  parseTicketSlaStoreArguments,
  type TicketSlaState,
  type TicketSlaStore,
} from '@guardloop/intake';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { ticketSlaEmissionsTable, ticketSlaTicketsTable } from '../migrations/ticket-sla-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';

export interface PostgresTicketSlaStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

type Row = Record<string, unknown>;

// The state is handed on as stored: the monitor's tracker checks it against its schema, so a
// damaged row is a `malformed_ticket_sla_state` for that ticket, not a failed claim of all.
const rowToTicket = (row: Row): LiveTicketSla => ({
  ticketId: String(row.ticket_id),
  state: row.state as TicketSlaState,
  revision: Number(row.revision),
  nextCheckAt: row.next_check_at == null ? null : Number(row.next_check_at),
  emitted: Array.isArray(row.emitted) ? row.emitted.map(String) : [],
});

// The signal was validated when recorded; it is handed back as stored.
const rowToDelivery = (row: Row): PendingTicketSlaDelivery => ({
  ticketId: String(row.ticket_id),
  key: String(row.key),
  signal: row.delivery_signal as Signal,
  attempts: Number(row.delivery_attempts),
});

/**
 * The ticket SLA monitor's live tickets in PostgreSQL (a `pg` Pool or PGlite). Run
 * `migrate(client)` first. `saveTicket` is an update guarded by the revision (or an insert that
 * does nothing on conflict); `claimDueTickets` leases due rows picked with `FOR UPDATE SKIP
 * LOCKED`, so monitors in several processes never hold one ticket at once; `markEmitted` is an
 * insert on the (ticket, key) primary key that only one caller wins, kept pending (with its
 * signal and a delivery lease) until acknowledged; `claimPendingDeliveries` leases expired
 * pending rows with `FOR UPDATE SKIP LOCKED`, so two processes never redeliver one alert at
 * once. Arguments are validated like every store's
 * (`parseTicketSlaStoreArguments`).
 */
export function createPostgresTicketSlaStore(
  options: PostgresTicketSlaStoreOptions,
): TicketSlaStore {
  const { client } = parseStoreOptions(options, 'postgres ticket SLA store options');
  const schema = parseDatabaseSchema(options.schema);
  const tickets = qualifiedTable(schema, ticketSlaTicketsTable);
  const emissions = qualifiedTable(schema, ticketSlaEmissionsTable);
  const emitted = (alias: string) =>
    `COALESCE((SELECT json_agg(e.key ORDER BY e.sequence) FROM ${emissions} e
       WHERE e.ticket_id = ${alias}.ticket_id), '[]'::json) AS emitted`;
  const revisionOf = async (ticketId: string, abortSignal?: AbortSignal) => {
    const { rows } = await client.query<Row>(
      `SELECT revision FROM ${tickets} WHERE ticket_id = $1`,
      [ticketId],
      {
        abortSignal,
      },
    );
    return rows[0] === undefined ? null : Number(rows[0].revision);
  };

  return {
    async saveTicket(...args) {
      const [save, callOptions] = parseTicketSlaStoreArguments('saveTicket', args);
      const abortSignal = callOptions?.abortSignal;
      const state = JSON.stringify(save.state);
      const { rows } =
        save.expectedRevision === null
          ? await client.query<Row>(
              `INSERT INTO ${tickets} (ticket_id, state, revision, next_check_at)
               VALUES ($1, $2::jsonb, 1, $3) ON CONFLICT (ticket_id) DO NOTHING RETURNING revision`,
              [save.ticketId, state, save.nextCheckAt],
              { abortSignal },
            )
          : await client.query<Row>(
              `UPDATE ${tickets} SET state = $2::jsonb, revision = revision + 1, next_check_at = $3
               WHERE ticket_id = $1 AND revision = $4 RETURNING revision`,
              [save.ticketId, state, save.nextCheckAt, save.expectedRevision],
              { abortSignal },
            );
      if (rows[0]) return { saved: true, revision: Number(rows[0].revision) };
      return { saved: false, revision: await revisionOf(save.ticketId, abortSignal) };
    },
    async getTicket(...args) {
      const [ticketId, callOptions] = parseTicketSlaStoreArguments('getTicket', args);
      const { rows } = await client.query<Row>(
        `SELECT t.*, ${emitted('t')} FROM ${tickets} t WHERE t.ticket_id = $1`,
        [ticketId],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows[0] === undefined ? undefined : rowToTicket(rows[0]);
    },
    async deleteTicket(...args) {
      const [ticketId, callOptions] = parseTicketSlaStoreArguments('deleteTicket', args);
      const { rows } = await client.query<Row>(
        `DELETE FROM ${tickets} WHERE ticket_id = $1 RETURNING ticket_id`,
        [ticketId],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.length > 0;
    },
    async claimDueTickets(...args) {
      const [claim, callOptions] = parseTicketSlaStoreArguments('claimDueTickets', args);
      // SKIP LOCKED: a row another monitor is claiming is left to it; the lease then keeps it
      // out of every later claim until it expires.
      const { rows } = await client.query<Row>(
        `UPDATE ${tickets} t SET claimant = $1, lease_expires_at = $2
         FROM (SELECT ticket_id FROM ${tickets}
               WHERE next_check_at IS NOT NULL AND next_check_at <= $3 AND lease_expires_at <= $3
               ORDER BY next_check_at, ticket_id COLLATE "C" LIMIT $4
               FOR UPDATE SKIP LOCKED) due
         WHERE t.ticket_id = due.ticket_id
         RETURNING t.*, ${emitted('t')}`,
        [claim.claimant, claim.now + claim.leaseMs, claim.now, claim.limit],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows
        .map(rowToTicket)
        .sort(
          (a, b) =>
            (a.nextCheckAt as number) - (b.nextCheckAt as number) ||
            (a.ticketId < b.ticketId ? -1 : 1),
        );
    },
    async markEmitted(...args) {
      const [mark, callOptions] = parseTicketSlaStoreArguments('markEmitted', args);
      const { delivery } = mark;
      const { rows } = await client.query<Row>(
        `INSERT INTO ${emissions} (ticket_id, key, emitted_at, delivery_signal, delivery_claimant,
           delivery_lease_expires_at, delivery_attempts)
         SELECT $1, $2, $3, $4::jsonb, $5, $6, $7
         WHERE EXISTS (SELECT 1 FROM ${tickets} WHERE ticket_id = $1)
         ON CONFLICT (ticket_id, key) DO NOTHING RETURNING key`,
        [
          mark.ticketId,
          mark.key,
          mark.at,
          delivery ? JSON.stringify(delivery.signal) : null,
          delivery?.claimant ?? null,
          delivery?.leaseExpiresAt ?? 0,
          delivery ? 1 : 0,
        ],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.length > 0;
    },
    async claimPendingDeliveries(...args) {
      const [claim, callOptions] = parseTicketSlaStoreArguments('claimPendingDeliveries', args);
      const { rows } = await client.query<Row>(
        `UPDATE ${emissions} e SET delivery_claimant = $1, delivery_lease_expires_at = $2,
           delivery_attempts = e.delivery_attempts + 1
         FROM (SELECT ticket_id, key, delivery_lease_expires_at AS due_at FROM ${emissions}
               WHERE delivery_signal IS NOT NULL AND delivery_lease_expires_at <= $3
               ORDER BY delivery_lease_expires_at, sequence LIMIT $4
               FOR UPDATE SKIP LOCKED) due
         WHERE e.ticket_id = due.ticket_id AND e.key = due.key
         RETURNING e.ticket_id, e.key, e.delivery_signal, e.delivery_attempts, e.sequence,
           due.due_at`,
        [claim.claimant, claim.now + claim.leaseMs, claim.now, claim.limit],
        { abortSignal: callOptions?.abortSignal },
      );
      // UPDATE ... RETURNING has no order: the claim's (lease, sequence) order is restored here.
      return rows
        .sort(
          (a, b) => Number(a.due_at) - Number(b.due_at) || Number(a.sequence) - Number(b.sequence),
        )
        .map(rowToDelivery);
    },
    async acknowledgeDelivery(...args) {
      const [acknowledge, callOptions] = parseTicketSlaStoreArguments('acknowledgeDelivery', args);
      const { rows } = await client.query<Row>(
        `UPDATE ${emissions} SET delivery_signal = NULL, delivery_claimant = NULL,
           delivery_lease_expires_at = 0
         WHERE ticket_id = $1 AND key = $2 AND delivery_signal IS NOT NULL RETURNING key`,
        [acknowledge.ticketId, acknowledge.key],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.length > 0;
    },
    async retryDelivery(...args) {
      const [retry, callOptions] = parseTicketSlaStoreArguments('retryDelivery', args);
      const { rows } = await client.query<Row>(
        `UPDATE ${emissions} SET delivery_lease_expires_at = $4
         WHERE ticket_id = $1 AND key = $2 AND delivery_claimant = $3
           AND delivery_signal IS NOT NULL RETURNING key`,
        [retry.ticketId, retry.key, retry.claimant, retry.retryAt],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.length > 0;
    },
    async releaseTicket(...args) {
      const [release, callOptions] = parseTicketSlaStoreArguments('releaseTicket', args);
      const { rows } = await client.query<Row>(
        `UPDATE ${tickets} SET claimant = NULL, lease_expires_at = 0,
           next_check_at = CASE WHEN revision = $3 THEN $4::bigint ELSE next_check_at END
         WHERE ticket_id = $1 AND claimant = $2 RETURNING ticket_id`,
        [release.ticketId, release.claimant, release.revision, release.nextCheckAt],
        { abortSignal: callOptions?.abortSignal },
      );
      return rows.length > 0;
    },
  };
}
