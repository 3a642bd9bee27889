import { qualifiedTable } from '../schema/database-schema';
import { feedbackBreakdownsTable } from './feedback-human-reviews-migration';
import type { Migration } from './migration';

/**
 * Resolutions per action and per hypothesis on the breakdowns table: three additive counters
 * (existing rows start at zero, which is what they counted) and `hypothesis` as a third
 * dimension. The 0007 CHECK was unnamed, so it carries Postgres' default name.
 */
export const feedbackResolutionBreakdownsMigration: Migration = {
  id: '0010_feedback_resolution_breakdowns',
  statements: (schema) => {
    const breakdowns = qualifiedTable(schema, feedbackBreakdownsTable);
    return [
      `ALTER TABLE ${breakdowns} ${['resolved', 'first_contact_resolved', 'reopened']
        .map((column) => `ADD COLUMN IF NOT EXISTS ${column} bigint NOT NULL DEFAULT 0`)
        .join(', ')}`,
      `ALTER TABLE ${breakdowns} DROP CONSTRAINT IF EXISTS ${feedbackBreakdownsTable}_dimension_check`,
      `ALTER TABLE ${breakdowns} ADD CONSTRAINT ${feedbackBreakdownsTable}_dimension_check CHECK (dimension IN ('rail', 'action', 'hypothesis'))`,
    ];
  },
};
