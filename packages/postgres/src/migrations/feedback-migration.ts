import { qualifiedTable } from '../schema/database-schema';
import type { Migration } from './migration';

/** Tables of the `FeedbackStore` of `@guardloop/feedback`. */
export const feedbackTableNames = {
  outcomes: 'guardloop_feedback_outcomes',
  traces: 'guardloop_feedback_traces',
  aggregates: 'guardloop_feedback_aggregates',
  artifacts: 'guardloop_feedback_artifacts',
  artifactVersions: 'guardloop_feedback_artifact_versions',
  problems: 'guardloop_feedback_problems',
} as const;

// The counters as they were when this migration was written: a migration never changes, so a
// new KPI counter needs a new migration adding its column (the store's column map, typed
// against `KpiCounterName`, stops typechecking until it names the counter).
const counterColumns = [
  'traces',
  'decisions',
  'escalated',
  'overridden',
  'resolved',
  'first_contact_resolved',
  'reopened',
  'resolution_ms_sum',
  'first_responses',
  'first_response_ms_sum',
  'macro_uses',
  'macro_edits',
  'article_suggestions',
  'article_helpful',
  'article_unhelpful',
  'deflected',
  'deflection_returned',
  'csat_responses',
  'csat_score_sum',
  'open_tickets',
];

/**
 * Outcomes (an append-only log: `sequence` orders it, the UNIQUE `id` makes recording
 * idempotent), one state row per trace (compare-and-set on `revision`), additive KPI counters
 * per (UTC day × segment), artifacts with one row per version, and problems. Ids that are
 * listed in id order use the "C" collation, so the order is the code-point order everywhere.
 */
export const feedbackMigration: Migration = {
  id: '0003_feedback',
  statements: (schema) => {
    const table = (name: keyof typeof feedbackTableNames) =>
      qualifiedTable(schema, feedbackTableNames[name]);
    const counters = counterColumns.map((column) => `${column} bigint NOT NULL DEFAULT 0`);
    return [
      `CREATE TABLE IF NOT EXISTS ${table('outcomes')} (
        sequence bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        trace_id text NOT NULL,
        ticket_id text,
        type text NOT NULL,
        at bigint NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        queue text NOT NULL,
        flags text[] NOT NULL,
        event jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_trace ON ${table('outcomes')} (trace_id, sequence)`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_ticket ON ${table('outcomes')} (ticket_id, sequence)
        WHERE ticket_id IS NOT NULL`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_type_at ON ${table('outcomes')} (type, at)`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_at ON ${table('outcomes')} (at)`,
      // Flags mark rare anomalies: a partial index keeps finding them cheap and costs nothing else.
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_flagged ON ${table('outcomes')} (sequence)
        WHERE cardinality(flags) > 0`,
      `CREATE TABLE IF NOT EXISTS ${table('traces')} (
        trace_id text PRIMARY KEY,
        sequence bigserial NOT NULL UNIQUE,
        revision integer NOT NULL CHECK (revision > 0),
        day bigint NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        queue text NOT NULL,
        state jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_traces_day ON ${table('traces')} (day, sequence)`,
      `CREATE TABLE IF NOT EXISTS ${table('aggregates')} (
        day bigint NOT NULL,
        category text NOT NULL,
        channel text NOT NULL,
        queue text NOT NULL,
        ${counters.join(',\n        ')},
        PRIMARY KEY (day, category, channel, queue)
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_aggregates_category ON ${table('aggregates')} (category, day)`,
      `CREATE TABLE IF NOT EXISTS ${table('artifacts')} (
        id text COLLATE "C" PRIMARY KEY,
        revision integer NOT NULL CHECK (revision > 0),
        kind text NOT NULL,
        category text,
        artifact jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_artifacts_kind ON ${table('artifacts')} (kind, id)`,
      `CREATE TABLE IF NOT EXISTS ${table('artifactVersions')} (
        artifact_id text COLLATE "C" NOT NULL REFERENCES ${table('artifacts')} (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        position integer NOT NULL,
        status text NOT NULL,
        version_document jsonb NOT NULL,
        PRIMARY KEY (artifact_id, version)
      )`,
      `CREATE TABLE IF NOT EXISTS ${table('problems')} (
        id text COLLATE "C" PRIMARY KEY,
        revision integer NOT NULL CHECK (revision > 0),
        status text NOT NULL,
        category text,
        fingerprints text[] NOT NULL,
        last_seen_at bigint NOT NULL,
        problem jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_problems_last_seen ON ${table('problems')} (last_seen_at DESC, id)`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_problems_category ON ${table('problems')} (category, last_seen_at DESC)`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_problems_fingerprints ON ${table('problems')} USING gin (fingerprints)`,
    ];
  },
};
