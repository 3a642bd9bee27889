import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

export const learningRunsTable = 'guardloop_learning_runs';

/**
 * Runs of the learning schedule of `@guardloop/hypotheses`: one row per (job, period), the
 * primary key, claimed with an upsert that only takes over a `running` row whose lease has
 * expired, so that schedules in several processes run each job once per period.
 */
export const learningRunsMigration: Migration = {
  id: '0009_learning_runs',
  statements: (schema) => {
    const table = qualifiedTable(schema, learningRunsTable);
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (
        job text NOT NULL,
        period_key text NOT NULL,
        period_start bigint NOT NULL,
        period_end bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        claimant text NOT NULL,
        attempt integer NOT NULL,
        started_at bigint NOT NULL,
        lease_expires_at bigint NOT NULL,
        finished_at bigint,
        report jsonb,
        error text,
        PRIMARY KEY (job, period_key)
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_learning_runs_period
        ON ${table} (period_start, job COLLATE "C")`,
    ];
  },
};
