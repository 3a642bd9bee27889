import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';
import { undoLogTable } from './undo-log-migration';

export const undoLogClaimFunction = 'guardloop_undo_log_claim';

/**
 * Crash recovery's claim of unfinished records as a function whose plan walks the partial
 * index of unfinished records in sequence order and stops after `p_limit` rows. Inline, a table
 * without statistics (PGlite never analyzes; a server only after autovacuum) gets a bitmap scan
 * that reads and sorts EVERY unfinished record for each batch: 10,000 pending records then cost
 * quadratic time. `enable_sort = off` holds only inside the function. The literal status list
 * lets the planner prove the partial index applies; `p_statuses` narrows it further.
 */
export const undoLogClaimMigration: Migration = {
  id: '0013_undo_log_claim',
  statements: (schema) => {
    const table = qualifiedTable(schema, undoLogTable);
    const name = qualifiedTable(schema, undoLogClaimFunction);
    return [
      `CREATE OR REPLACE FUNCTION ${name}(p_owner text, p_lease_expires_at bigint, p_now bigint,
        p_limit integer, p_statuses text[])
      RETURNS SETOF ${table} LANGUAGE sql VOLATILE SET enable_sort = off AS $claim$
        UPDATE ${table} SET lease_owner = p_owner, lease_expires_at = p_lease_expires_at,
          updated_at = p_now
        WHERE sequence IN (
          SELECT sequence FROM ${table}
          WHERE status IN ('pending', 'undoing') AND status = ANY(p_statuses)
            AND (lease_expires_at IS NULL OR lease_expires_at <= p_now)
          ORDER BY sequence LIMIT p_limit
          FOR UPDATE SKIP LOCKED)
        RETURNING *
      $claim$`,
    ];
  },
};
