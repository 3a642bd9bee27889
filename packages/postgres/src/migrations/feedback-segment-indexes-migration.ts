import { qualifiedTable } from '../schema/database-schema';
import { feedbackTableNames } from './feedback-migration';
import type { Migration } from './migration';

/**
 * Indexes for the feedback queries that filter by one segment field alone: outcomes and traces
 * by category, channel or queue (in page order, so a page reads only its rows), and aggregates
 * by channel or queue (by category already has one). Without them those queries scan the table.
 */
export const feedbackSegmentIndexesMigration: Migration = {
  id: '0004_feedback_segment_indexes',
  statements: (schema) => {
    const outcomes = qualifiedTable(schema, feedbackTableNames.outcomes);
    const traces = qualifiedTable(schema, feedbackTableNames.traces);
    const aggregates = qualifiedTable(schema, feedbackTableNames.aggregates);
    const fields = ['category', 'channel', 'queue'];
    return [
      ...fields.map(
        (field) =>
          `CREATE INDEX IF NOT EXISTS guardloop_feedback_outcomes_${field} ON ${outcomes} (${field}, sequence)`,
      ),
      ...fields.map(
        (field) =>
          `CREATE INDEX IF NOT EXISTS guardloop_feedback_traces_${field} ON ${traces} (${field}, sequence)`,
      ),
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_aggregates_channel ON ${aggregates} (channel, day)`,
      `CREATE INDEX IF NOT EXISTS guardloop_feedback_aggregates_queue ON ${aggregates} (queue, day)`,
    ];
  },
};
