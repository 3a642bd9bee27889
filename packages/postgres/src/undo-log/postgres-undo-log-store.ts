import {
  type NewUndoLogRecord,
  parseUndoLogStoreArguments,
  type UndoLogRecord,
  type UndoLogStore,
  type UndoLogStoreCallOptions,
} from '@guardloop/undo-log';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { undoLogClaimFunction } from '../migrations/undo-log-claim-migration';
import { undoLogTable } from '../migrations/undo-log-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { buildUndoLogUpdate } from './build-undo-log-update';
import { buildUndoLogUpdateMany, toUpdateManyParameters } from './build-undo-log-update-many';
import {
  paramsToRecord,
  placeholder,
  rowToRecord,
  toParameter,
  type UndoLogColumnField,
  undoLogColumns,
} from './undo-log-columns';

export interface PostgresUndoLogStoreOptions {
  client: SqlClient;
  /** Schema passed to `migrate`. Default `public`. */
  schema?: string;
}

const fields = Object.keys(undoLogColumns) as UndoLogColumnField[];
type Row = Record<string, unknown>;

/**
 * The undo log in PostgreSQL (a `pg` Pool or PGlite). Run `migrate(client)` first.
 * Idempotency rests on a UNIQUE key with `ON CONFLICT DO NOTHING`; recovery claims use
 * `FOR UPDATE SKIP LOCKED`, so concurrent processes never claim the same record. Arguments
 * are validated like every store's (`parseUndoLogStoreArguments`): what PostgreSQL could not
 * keep unchanged is `invalid_input` before any SQL runs. An `abortSignal` is checked before each
 * statement is sent: a statement already sent runs to its end and the call resolves with it.
 */
export function createPostgresUndoLogStore(options: PostgresUndoLogStoreOptions): UndoLogStore {
  const { client } = parseStoreOptions(options, 'postgres undo log store options');
  const schema = parseDatabaseSchema(options.schema);
  const table = qualifiedTable(schema, undoLogTable);
  const claimFunction = qualifiedTable(schema, undoLogClaimFunction);
  const columns = fields.map((field) => undoLogColumns[field].column).join(', ');
  const values = fields.map((field, index) => placeholder(field, index + 1)).join(', ');
  const insertSql = `INSERT INTO ${table} (${columns}) VALUES (${values}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING sequence`;
  const updateManySql = buildUndoLogUpdateMany(table);
  const one = async (text: string, params: unknown[], abortSignal?: AbortSignal) => {
    const row = (await client.query<Row>(text, params, { abortSignal })).rows[0];
    return row === undefined ? undefined : rowToRecord(row);
  };
  const byKey = (key: string, abortSignal?: AbortSignal) =>
    one(`SELECT * FROM ${table} WHERE idempotency_key = $1`, [key], abortSignal);

  return {
    async insert(record: NewUndoLogRecord, options?: UndoLogStoreCallOptions) {
      parseUndoLogStoreArguments('insert', [record, options]);
      const params = fields.map((field) => toParameter(field, record[field]));
      const { rows } = await client.query<Row>(insertSql, params, {
        abortSignal: options?.abortSignal,
        prepare: true,
      });
      // The row is what was sent: rebuilt from the parameters instead of read back.
      const row = rows[0];
      if (row) return { inserted: true, record: paramsToRecord(params, row.sequence) };
      // The conflicting row committed before ON CONFLICT gave up, so it is visible now. No abort
      // from here: the caller must learn which record holds the key.
      const existing = await byKey(record.idempotencyKey);
      if (!existing)
        throw new Error(`Undo-log insert of ${record.id} conflicted but found no record.`);
      return { inserted: false, record: existing };
    },
    async get(id, options) {
      parseUndoLogStoreArguments('get', [id, options]);
      return one(`SELECT * FROM ${table} WHERE id = $1`, [id], options?.abortSignal);
    },
    async getByIdempotencyKey(key, options) {
      parseUndoLogStoreArguments('getByIdempotencyKey', [key, options]);
      return byKey(key, options?.abortSignal);
    },
    async update(id, update, options) {
      parseUndoLogStoreArguments('update', [id, update, options]);
      const { text, params } = buildUndoLogUpdate(table, id, update);
      return one(text, params, options?.abortSignal);
    },
    async updateMany(updates, options) {
      parseUndoLogStoreArguments('updateMany', [updates, options]);
      if (updates.length === 0) return [];
      const [single] = updates;
      if (single && updates.length === 1) {
        // The common case (one action's result): the plain compare-and-set, prepared, and its
        // row count (the id matches one row at most) instead of rows sent back.
        const { text, params } = buildUndoLogUpdate(table, single.id, single, 'nothing');
        const { rowCount } = await client.query<Row>(text, params, {
          abortSignal: options?.abortSignal,
          prepare: true,
        });
        return [rowCount > 0];
      }
      // Not prepared: a plan kept from when the table was small could join by scanning it.
      const { rows } = await client.query<Row>(updateManySql, toUpdateManyParameters(updates), {
        abortSignal: options?.abortSignal,
      });
      const applied = new Set(rows.map((row) => row.id));
      return updates.map((update) => applied.has(update.id));
    },
    async listByTrace(traceId, options) {
      parseUndoLogStoreArguments('listByTrace', [traceId, options]);
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${table} WHERE trace_id = $1 ORDER BY sequence`,
        [traceId],
        { abortSignal: options?.abortSignal },
      );
      return rows.map(rowToRecord);
    },
    async claimExpired(claim, options) {
      parseUndoLogStoreArguments('claimExpired', [claim, options]);
      const { statuses, now, owner, leaseExpiresAt, limit } = claim;
      const unique = [...new Set(statuses)];
      // Recovery's statuses go through the function of migration 0013, whose plan stops after
      // `limit` rows of the partial index; any other set is claimed inline.
      const { rows } = unique.every((status) => status === 'pending' || status === 'undoing')
        ? await client.query<Row>(
            `SELECT * FROM ${claimFunction}($1, $2, $3, $4, $5::text[])`,
            [owner, leaseExpiresAt, now, limit, unique],
            { abortSignal: options?.abortSignal },
          )
        : await client.query<Row>(
            // The statuses as literals (validated enum values), so that the planner can use a
            // partial index should one apply: behind a parameter it scans every row.
            `UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3
             WHERE sequence IN (
               SELECT sequence FROM ${table}
               WHERE status IN (${unique.map((status) => `'${status}'`).join(', ')})
                 AND (lease_expires_at IS NULL OR lease_expires_at <= $3)
               ORDER BY sequence LIMIT $4
               FOR UPDATE SKIP LOCKED)
             RETURNING *`,
            [owner, leaseExpiresAt, now, limit],
            { abortSignal: options?.abortSignal },
          );
      return rows
        .map(rowToRecord)
        .sort((a: UndoLogRecord, b: UndoLogRecord) => a.sequence - b.sequence);
    },
  };
}
