import {
  type InboxItem,
  type InboxStore,
  type InboxStoreQuery,
  parseInboxStoreArguments,
} from '@guardloop/inbox';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { inboxTable } from '../migrations/inbox-migration';
import { inboxSlaEventsTable } from '../migrations/inbox-sla-events-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { inboxColumns, rowToItem, splitFields } from './inbox-columns';

export interface PostgresInboxStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

type Row = Record<string, unknown>;
const json = (value: unknown) => JSON.stringify(value);

/** WHERE conditions and parameters of a list query; each filter matches an index. */
function listConditions(query: InboxStoreQuery): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  // One status as `=`, so that the (status, sequence) index also yields the page order.
  if (query.statuses?.length === 1) add((p) => `status = ${p}`, query.statuses[0]);
  else if (query.statuses) add((p) => `status = ANY(${p}::text[])`, [...query.statuses]);
  if (query.queue !== undefined) add((p) => `queue = ${p}`, query.queue);
  if (query.assignee !== undefined) add((p) => `assignee = ${p}`, query.assignee);
  if (query.afterSequence !== undefined) add((p) => `sequence > ${p}`, query.afterSequence);
  if (query.overdueAt !== undefined)
    // Spelled like the partial indexes' predicates, so the planner can use both.
    add(
      (p) =>
        `status = 'pending' AND ((acknowledged_at IS NULL AND acknowledge_by IS NOT NULL AND acknowledge_by <= ${p})
          OR (decide_by IS NOT NULL AND decide_by <= ${p}))`,
      query.overdueAt,
    );
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The inbox in PostgreSQL (a `pg` Pool or PGlite). Run `migrate(client)` first. One item per
 * trace rests on a UNIQUE `trace_id` with `ON CONFLICT DO NOTHING`; `update` is one
 * `UPDATE ... WHERE revision = $n` (a compare-and-set that concurrent processes cannot both
 * win); `append` concatenates to the history in one statement, so no entry is ever lost.
 * Arguments are validated like every store's (`parseInboxStoreArguments`), which also rejects a
 * call whose `abortSignal` is aborted before any statement is sent.
 */
export function createPostgresInboxStore(options: PostgresInboxStoreOptions): InboxStore {
  const { client } = parseStoreOptions(options, 'postgres inbox store options');
  const schema = parseDatabaseSchema(options.schema);
  const table = qualifiedTable(schema, inboxTable);
  const slaEvents = qualifiedTable(schema, inboxSlaEventsTable);
  // In a READ COMMITTED transaction whatever the server default: under REPEATABLE READ an
  // autocommit upsert racing another would fail with 40001 instead of seeing the winner's row.
  const readCommitted = <Result>(text: string, params: unknown[]) =>
    client.transaction((transaction) => transaction.query<Result>(text, params));
  const one = async (text: string, params: unknown[]) => {
    const row = (await client.query<Row>(text, params)).rows[0];
    return row === undefined ? undefined : rowToItem(row);
  };
  const byTrace = (traceId: string) => one(`SELECT * FROM ${table} WHERE trace_id = $1`, [traceId]);
  const byId = (id: string) => one(`SELECT * FROM ${table} WHERE id = $1`, [id]);

  return {
    async insert(item, callOptions) {
      parseInboxStoreArguments('insert', [item, callOptions]);
      const { columns, document } = splitFields(item);
      const names = [...columns.map(([field]) => inboxColumns[field]), 'document', 'history'];
      const params = [
        ...columns.map(([, value]) => value ?? null),
        json(document),
        json(item.history),
      ];
      const placeholders = params.map((_, index) =>
        index >= columns.length ? `$${index + 1}::jsonb` : `$${index + 1}`,
      );
      const inserted = await one(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')})
         ON CONFLICT DO NOTHING RETURNING *`,
        params,
      );
      if (inserted) return { inserted: true, item: inserted };
      // The conflicting row committed before ON CONFLICT gave up, so it is visible now.
      const existing = (await byTrace(item.traceId)) ?? (await byId(item.id));
      if (!existing) throw new Error(`Inbox insert of ${item.id} conflicted but found no item.`);
      return { inserted: false, item: existing };
    },
    async get(id, callOptions) {
      parseInboxStoreArguments('get', [id, callOptions]);
      return byId(id);
    },
    async getByTrace(traceId, callOptions) {
      parseInboxStoreArguments('getByTrace', [traceId, callOptions]);
      return byTrace(traceId);
    },
    async update(id, update, callOptions) {
      parseInboxStoreArguments('update', [id, update, callOptions]);
      const { columns, document } = splitFields(update.set);
      const params: unknown[] = [id, update.expectRevision];
      const sets = columns.map(([field, value]) => {
        params.push(value ?? null);
        return `${inboxColumns[field]} = $${params.length}`;
      });
      params.push(json(document), json(update.append ?? []));
      sets.push(
        `document = document || $${params.length - 1}::jsonb`,
        `history = history || $${params.length}::jsonb`,
        'revision = revision + 1',
      );
      return one(
        `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND revision = $2 RETURNING *`,
        params,
      );
    },
    async append(id, entries, callOptions) {
      parseInboxStoreArguments('append', [id, entries, callOptions]);
      return one(`UPDATE ${table} SET history = history || $2::jsonb WHERE id = $1 RETURNING *`, [
        id,
        json(entries),
      ]);
    },
    async list(query, callOptions) {
      parseInboxStoreArguments('list', [query, callOptions]);
      const { where, params } = listConditions(query);
      params.push(query.limit);
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${table} ${where} ORDER BY sequence LIMIT $${params.length}`,
        params,
      );
      return rows.map(rowToItem) as InboxItem[];
    },
    async claimSlaEvent(claim, callOptions) {
      const [{ itemId, deadline, kind, claimant, now, leaseMs }] = parseInboxStoreArguments(
        'claimSlaEvent',
        [claim, callOptions],
      );
      // Takes over only an uncompleted claim whose lease has expired: a compare-and-set that
      // concurrent claimants (other processes) cannot both win.
      const { rows } = await readCommitted<{ attempts: number }>(
        `INSERT INTO ${slaEvents} AS event
           (item_id, deadline, kind, claimant, lease_expires_at, attempts)
         VALUES ($1, $2, $3, $4, $5, 1)
         ON CONFLICT (item_id, deadline, kind) DO UPDATE
           SET claimant = EXCLUDED.claimant, lease_expires_at = EXCLUDED.lease_expires_at,
               attempts = event.attempts + 1
           WHERE event.emitted_at IS NULL AND event.lease_expires_at <= $6
         RETURNING attempts`,
        [itemId, deadline, kind, claimant, now + leaseMs, now],
      );
      const row = rows[0];
      return row
        ? { claimed: true, attempt: Number(row.attempts) }
        : { claimed: false, attempt: 0 };
    },
    async completeSlaEvent(completion, callOptions) {
      const [{ itemId, deadline, kind, claimant, now }] = parseInboxStoreArguments(
        'completeSlaEvent',
        [completion, callOptions],
      );
      const { rows } = await readCommitted(
        `UPDATE ${slaEvents} SET emitted_at = $5
         WHERE item_id = $1 AND deadline = $2 AND kind = $3 AND claimant = $4
           AND emitted_at IS NULL
         RETURNING item_id`,
        [itemId, deadline, kind, claimant, now],
      );
      return rows.length > 0;
    },
  };
}
