import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const counterTable = 'guardloop_counters';

/** Time-bucketed counters of `@guardloop/economic`: one row per (key, bucket). */
export const counterMigration: Migration = {
  id: '0002_counters',
  statements: (schema) => {
    const table = qualifiedTable(schema, counterTable);
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (
        key text NOT NULL,
        bucket_start bigint NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (key, bucket_start)
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_counters_bucket ON ${table} (bucket_start)`,
    ];
  },
};
