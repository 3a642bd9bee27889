import {
  type NewUndoLogRecord,
  parseUndoLogStoreArguments,
  type UndoLogRecord,
  type UndoLogStore,
} from '@guardloop/undo-log';
import { parseStoreOptions } from '../client/parse-sql-client';
import type { SqlClient } from '../client/sql-client';
import { undoLogTable } from '../migrations/undo-log-migration';
import { parseDatabaseSchema, qualifiedTable } from '../schema/database-schema';
import { buildUndoLogUpdate } from './build-undo-log-update';
import {
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
 * keep unchanged is `invalid_input` before any SQL runs.
 */
export function createPostgresUndoLogStore(options: PostgresUndoLogStoreOptions): UndoLogStore {
  const { client } = parseStoreOptions(options, 'postgres undo log store options');
  const table = qualifiedTable(parseDatabaseSchema(options.schema), undoLogTable);
  const columns = fields.map((field) => undoLogColumns[field].column).join(', ');
  const values = fields.map((field, index) => placeholder(field, index + 1)).join(', ');
  const insertSql = `INSERT INTO ${table} (${columns}) VALUES (${values}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`;
  const one = async (text: string, params: unknown[]) => {
    const row = (await client.query<Row>(text, params)).rows[0];
    return row === undefined ? undefined : rowToRecord(row);
  };
  const byKey = (key: string) => one(`SELECT * FROM ${table} WHERE idempotency_key = $1`, [key]);

  return {
    async insert(record: NewUndoLogRecord) {
      parseUndoLogStoreArguments('insert', [record]);
      const params = fields.map((field) => toParameter(field, record[field]));
      const inserted = await one(insertSql, params);
      if (inserted) return { inserted: true, record: inserted };
      // The conflicting row committed before ON CONFLICT gave up, so it is visible now.
      const existing = await byKey(record.idempotencyKey);
      if (!existing)
        throw new Error(`Undo-log insert of ${record.id} conflicted but found no record.`);
      return { inserted: false, record: existing };
    },
    async get(id) {
      parseUndoLogStoreArguments('get', [id]);
      return one(`SELECT * FROM ${table} WHERE id = $1`, [id]);
    },
    async getByIdempotencyKey(key) {
      parseUndoLogStoreArguments('getByIdempotencyKey', [key]);
      return byKey(key);
    },
    async update(id, update) {
      parseUndoLogStoreArguments('update', [id, update]);
      const { text, params } = buildUndoLogUpdate(table, id, update);
      return one(text, params);
    },
    async listByTrace(traceId) {
      parseUndoLogStoreArguments('listByTrace', [traceId]);
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${table} WHERE trace_id = $1 ORDER BY sequence`,
        [traceId],
      );
      return rows.map(rowToRecord);
    },
    async claimExpired(options) {
      parseUndoLogStoreArguments('claimExpired', [options]);
      const { statuses, now, owner, leaseExpiresAt, limit } = options;
      const { rows } = await client.query<Row>(
        `UPDATE ${table} SET lease_owner = $1, lease_expires_at = $2, updated_at = $3
         WHERE sequence IN (
           SELECT sequence FROM ${table}
           WHERE status = ANY($4::text[]) AND (lease_expires_at IS NULL OR lease_expires_at <= $3)
           ORDER BY sequence LIMIT $5
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [owner, leaseExpiresAt, now, [...statuses], limit],
      );
      return rows
        .map(rowToRecord)
        .sort((a: UndoLogRecord, b: UndoLogRecord) => a.sequence - b.sequence);
    },
  };
}
