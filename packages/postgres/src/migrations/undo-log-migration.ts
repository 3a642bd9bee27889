import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const undoLogTable = 'guardloop_undo_log';

/**
 * The undo log. `idempotency_key` is UNIQUE so that concurrent processes racing on one key
 * insert exactly one intent; the partial index keeps recovery claims cheap.
 */
export const undoLogMigration: Migration = {
  id: '0001_undo_log',
  statements: (schema) => {
    const table = qualifiedTable(schema, undoLogTable);
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (
        sequence bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        action_name text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        input_hash text NOT NULL,
        input jsonb,
        snapshot jsonb,
        result jsonb,
        error jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'undoing', 'undone')),
        reversible boolean NOT NULL,
        trace_id text NOT NULL,
        actor jsonb NOT NULL,
        approval jsonb,
        undo jsonb,
        attempts integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_expires_at bigint,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_undo_log_trace ON ${table} (trace_id, sequence)`,
      `CREATE INDEX IF NOT EXISTS guardloop_undo_log_unfinished ON ${table} (sequence)
        WHERE status IN ('pending', 'undoing')`,
    ];
  },
};
