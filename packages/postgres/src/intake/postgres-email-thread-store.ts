import {
  type EmailThread,
  type EmailThreadStore,
  parseEmailThreadStoreArguments,
} from '@guardloop/intake';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { emailThreadsTable } from '../migrations/email-threads-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';

export interface PostgresEmailThreadStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

type Row = Record<string, unknown>;

const rowToThread = (row: Row): EmailThread => ({
  ticketId: String(row.ticket_id),
  traceId: String(row.trace_id),
});

/**
 * The email intake's threads in PostgreSQL (a `pg` Pool or PGlite). Run `migrate(client)` first.
 * `link` is one `INSERT ... ON CONFLICT DO NOTHING` on the Message-ID primary key: atomic, so a
 * failed call links nothing, and of several processes receiving one message exactly one claims
 * it. Arguments are validated like every store's (`parseEmailThreadStoreArguments`).
 * @throws InvalidInputError (`invalid_input`) for malformed options
 */
export function createPostgresEmailThreadStore(
  options: PostgresEmailThreadStoreOptions,
): EmailThreadStore {
  const { client } = parseStoreOptions(options, 'postgres email thread store options');
  const threads = qualifiedTable(parseDatabaseSchema(options.schema), emailThreadsTable);
  const threadsOf = async (messageIds: readonly string[], abortSignal?: AbortSignal) => {
    const { rows } = await client.query<Row>(
      `SELECT message_id, ticket_id, trace_id FROM ${threads} WHERE message_id = ANY($1::text[])`,
      [messageIds],
      { abortSignal },
    );
    return new Map(rows.map((row) => [String(row.message_id), rowToThread(row)]));
  };

  return {
    async find(...args) {
      const [messageIds, callOptions] = parseEmailThreadStoreArguments('find', args);
      if (messageIds.length === 0) return undefined;
      const found = await threadsOf(messageIds, callOptions?.abortSignal);
      for (const id of messageIds) {
        const thread = found.get(id);
        if (thread) return thread;
      }
      return undefined;
    },
    async link(...args) {
      const [thread, messageIds, callOptions] = parseEmailThreadStoreArguments('link', args);
      const abortSignal = callOptions?.abortSignal;
      const first = messageIds[0] as string;
      const { rows } = await client.query<Row>(
        `INSERT INTO ${threads} (message_id, ticket_id, trace_id)
         SELECT DISTINCT id, $2, $3 FROM unnest($1::text[]) AS ids (id)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [[...messageIds], thread.ticketId, thread.traceId],
        { abortSignal },
      );
      const given = { ticketId: thread.ticketId, traceId: thread.traceId };
      if (rows.some((row) => String(row.message_id) === first)) {
        return { claimed: true, thread: given };
      }
      // Another call won: a new statement (a new snapshot) sees its committed row. Under READ
      // COMMITTED the insert above waited for it, so it is there.
      const winner = (await threadsOf([first], abortSignal)).get(first);
      return { claimed: false, thread: winner ?? given };
    },
  };
}
