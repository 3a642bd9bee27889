import { qualifiedTable } from '../schema/database-schema';
import { counterTable } from './counter-migration';
import type { Migration } from './migration';

/**
 * When each counter bucket may go: `bucket_start + retainMs` of its writes (the longest wins),
 * NULL for buckets written without a retention. `pruneExpired` deletes by it, through a partial
 * index that leaves the buckets without one out.
 */
export const counterExpiryMigration: Migration = {
  id: '0008_counter_expiry',
  statements: (schema) => {
    const table = qualifiedTable(schema, counterTable);
    return [
      `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS expires_at bigint`,
      `CREATE INDEX IF NOT EXISTS guardloop_counters_expiry ON ${table} (expires_at)
        WHERE expires_at IS NOT NULL`,
    ];
  },
};
