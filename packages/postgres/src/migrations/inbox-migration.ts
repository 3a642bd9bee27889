import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const inboxTable = 'guardloop_inbox_items';

/**
 * The escalation inbox of `@guardloop/inbox`. `trace_id` is UNIQUE so that a trace escalated
 * twice (by two processes at once, too) is one item; the columns that lists filter on are
 * real columns with indexes in page order, and everything else sits in `document`. History is
 * its own jsonb array that writes only ever append to.
 */
export const inboxMigration: Migration = {
  id: '0005_inbox',
  statements: (schema) => {
    const table = qualifiedTable(schema, inboxTable);
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (
        sequence bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        trace_id text NOT NULL UNIQUE,
        status text NOT NULL
          CHECK (status IN ('pending', 'approving', 'approved', 'rejected', 'failed')),
        queue text NOT NULL,
        assignee text,
        lease_expires_at bigint,
        acknowledged_at bigint,
        acknowledge_by bigint,
        decide_by bigint,
        revision integer NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        document jsonb NOT NULL,
        history jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_inbox_status ON ${table} (status, sequence)`,
      `CREATE INDEX IF NOT EXISTS guardloop_inbox_queue ON ${table} (queue, status, sequence)`,
      `CREATE INDEX IF NOT EXISTS guardloop_inbox_assignee ON ${table} (assignee, sequence)
        WHERE assignee IS NOT NULL`,
      `CREATE INDEX IF NOT EXISTS guardloop_inbox_acknowledge_by ON ${table} (acknowledge_by)
        WHERE status = 'pending' AND acknowledged_at IS NULL AND acknowledge_by IS NOT NULL`,
      `CREATE INDEX IF NOT EXISTS guardloop_inbox_decide_by ON ${table} (decide_by)
        WHERE status = 'pending' AND decide_by IS NOT NULL`,
    ];
  },
};
