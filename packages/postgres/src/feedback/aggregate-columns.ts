import type { DurationBucketCounterName, KpiCounterName, KpiCounters } from '@guardloop/feedback';
import {
  acknowledgeMsBucketNames,
  decideMsBucketNames,
  ticketSlaFirstResponseMsBucketNames,
  ticketSlaResolutionMsBucketNames,
} from '@guardloop/feedback/internal';

/** `decideMsBucket07` -> `decide_ms_bucket_07` (the columns of migrations 0007 and 0011). */
const bucketColumns = Object.fromEntries(
  [
    ...decideMsBucketNames,
    ...acknowledgeMsBucketNames,
    ...ticketSlaFirstResponseMsBucketNames,
    ...ticketSlaResolutionMsBucketNames,
  ].map((name) => [
    name,
    name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/(\d+)$/, '_$1'),
  ]),
) as Record<DurationBucketCounterName, string>;

/**
 * KPI counter -> bigint column of the aggregates table. Typed against `KpiCounterName`, so a
 * counter added to `@guardloop/feedback` fails the typecheck here until a migration adds it.
 */
export const aggregateColumns = {
  traces: 'traces',
  decisions: 'decisions',
  escalated: 'escalated',
  overridden: 'overridden',
  resolved: 'resolved',
  firstContactResolved: 'first_contact_resolved',
  reopened: 'reopened',
  resolutionMsSum: 'resolution_ms_sum',
  firstResponses: 'first_responses',
  firstResponseMsSum: 'first_response_ms_sum',
  macroUses: 'macro_uses',
  macroEdits: 'macro_edits',
  articleSuggestions: 'article_suggestions',
  articleHelpful: 'article_helpful',
  articleUnhelpful: 'article_unhelpful',
  deflected: 'deflected',
  deflectionReturned: 'deflection_returned',
  csatResponses: 'csat_responses',
  csatScoreSum: 'csat_score_sum',
  openTickets: 'open_tickets',
  humanReviews: 'human_reviews',
  humanDecisions: 'human_decisions',
  humanApproved: 'human_approved',
  humanApprovedWithEdits: 'human_approved_with_edits',
  humanRejected: 'human_rejected',
  humanSlaBreached: 'human_sla_breached',
  decideMsSum: 'decide_ms_sum',
  acknowledgements: 'acknowledgements',
  acknowledgeMsSum: 'acknowledge_ms_sum',
  ticketSlaRuns: 'ticket_sla_runs',
  ticketSlaBreached: 'ticket_sla_breached',
  ticketSlaFirstResponses: 'ticket_sla_first_responses',
  ticketSlaFirstResponseMsSum: 'ticket_sla_first_response_ms_sum',
  ticketSlaResolutions: 'ticket_sla_resolutions',
  ticketSlaResolutionMsSum: 'ticket_sla_resolution_ms_sum',
  ...bucketColumns,
} as const satisfies Record<KpiCounterName, string>;

export const counterNames = Object.keys(aggregateColumns) as KpiCounterName[];

/** The counters of an aggregates row (bigints arrive as strings from `pg`, numbers from PGlite). */
export function rowToCounters(row: Record<string, unknown>): KpiCounters {
  const counters = {} as KpiCounters;
  for (const name of counterNames) counters[name] = Number(row[aggregateColumns[name]]);
  return counters;
}
