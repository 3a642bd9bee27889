import { qualifiedTable } from '../schema/database-schema';
import { feedbackTableNames } from './feedback-migration';
import type { Migration } from './migration';

/** The per-rail and per-action human review counters of `@guardloop/feedback`. */
export const feedbackBreakdownsTable = 'guardloop_feedback_breakdowns';

// As when this migration was written (a migration never changes): the human review counters of
// the aggregates, and one column per bucket of the decision and acknowledge time histograms.
const histogramBuckets = 19;
const bucketColumns = (prefix: string) =>
  Array.from(
    { length: histogramBuckets },
    (_, index) => `${prefix}_bucket_${String(index).padStart(2, '0')}`,
  );
const counterColumns = [
  'human_reviews',
  'human_decisions',
  'human_approved',
  'human_approved_with_edits',
  'human_rejected',
  'human_sla_breached',
  'decide_ms_sum',
  'acknowledgements',
  'acknowledge_ms_sum',
  ...bucketColumns('decide_ms'),
  ...bucketColumns('acknowledge_ms'),
];

/**
 * Human review KPIs: new additive counters on the aggregates (existing rows start at zero), and
 * a table of the per-rail and per-action counters per (UTC day × segment × dimension × key),
 * added to with the same kind of upsert. Its keys are bounded (128-byte names, at most 32
 * reviews per trace), so its rows grow at most with the reviews, in practice with the rails
 * and actions the code defines. Indexed like the aggregates.
 */
export const feedbackHumanReviewsMigration: Migration = {
  id: '0007_feedback_human_reviews',
  statements: (schema) => {
    const aggregates = qualifiedTable(schema, feedbackTableNames.aggregates);
    const breakdowns = qualifiedTable(schema, feedbackBreakdownsTable);
    return [
      `ALTER TABLE ${aggregates} ${counterColumns
        .map((column) => `ADD COLUMN IF NOT EXISTS ${column} bigint NOT NULL DEFAULT 0`)
        .join(', ')}`,
      `CREATE TABLE IF NOT EXISTS ${breakdowns} (
        day bigint NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        queue text NOT NULL,
        dimension text NOT NULL CHECK (dimension IN ('rail', 'action')),
        key text NOT NULL,
        reviews bigint NOT NULL DEFAULT 0,
        approved bigint NOT NULL DEFAULT 0,
        approved_with_edits bigint NOT NULL DEFAULT 0,
        rejected bigint NOT NULL DEFAULT 0,
        sla_breached bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (day, category, channel, queue, dimension, key)
      )`,
      // As on the aggregates: a KPI query filtered by one segment field alone uses these.
      ...['category', 'channel', 'queue'].map(
        (field) =>
          `CREATE INDEX IF NOT EXISTS guardloop_feedback_breakdowns_${field} ON ${breakdowns} (${field}, day)`,
      ),
    ];
  },
};
