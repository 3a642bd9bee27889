import { qualifiedTable } from '../schema/database-schema';
import { feedbackBreakdownsTable } from './feedback-human-reviews-migration';
import { feedbackTableNames } from './feedback-migration';
import type { Migration } from './migration';

// As when this migration was written (a migration never changes): the ticket SLA counters of
// the aggregates, one column per bucket of the first-response and resolution time histograms.
const histogramBuckets = 19;
const bucketColumns = (prefix: string) =>
  Array.from(
    { length: histogramBuckets },
    (_, index) => `${prefix}_bucket_${String(index).padStart(2, '0')}`,
  );
const counterColumns = [
  'ticket_sla_runs',
  'ticket_sla_breached',
  'ticket_sla_first_responses',
  'ticket_sla_first_response_ms_sum',
  'ticket_sla_resolutions',
  'ticket_sla_resolution_ms_sum',
  ...bucketColumns('ticket_sla_first_response_ms'),
  ...bucketColumns('ticket_sla_resolution_ms'),
];
const addColumns = (columns: readonly string[]) =>
  columns
    .map((column) => `ADD COLUMN IF NOT EXISTS ${column} bigint NOT NULL DEFAULT 0`)
    .join(', ');

/**
 * Ticket SLA outcomes: additive counters on the aggregates and on the breakdowns (existing rows
 * start at zero, which is what they counted), and the policy, priority and metric of a run as
 * three more breakdown dimensions. It widens the dimension CHECK that 0010 wrote, so it is
 * listed after 0010.
 */
export const feedbackTicketSlaMigration: Migration = {
  id: '0011_feedback_ticket_sla',
  statements: (schema) => {
    const aggregates = qualifiedTable(schema, feedbackTableNames.aggregates);
    const breakdowns = qualifiedTable(schema, feedbackBreakdownsTable);
    return [
      `ALTER TABLE ${aggregates} ${addColumns(counterColumns)}`,
      `ALTER TABLE ${breakdowns} ${addColumns(['ticket_sla_runs', 'ticket_sla_breached'])}`,
      `ALTER TABLE ${breakdowns} DROP CONSTRAINT IF EXISTS ${feedbackBreakdownsTable}_dimension_check`,
      `ALTER TABLE ${breakdowns} ADD CONSTRAINT ${feedbackBreakdownsTable}_dimension_check CHECK (dimension IN ('rail', 'action', 'hypothesis', 'sla_policy', 'sla_priority', 'sla_metric'))`,
    ];
  },
};
