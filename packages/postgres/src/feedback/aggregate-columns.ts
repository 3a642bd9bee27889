import type { KpiCounterName, KpiCounters } from '@guardloop/feedback';

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
} as const satisfies Record<KpiCounterName, string>;

export const counterNames = Object.keys(aggregateColumns) as KpiCounterName[];

/** The counters of an aggregates row (bigints arrive as strings from `pg`, numbers from PGlite). */
export function rowToCounters(row: Record<string, unknown>): KpiCounters {
  const counters = {} as KpiCounters;
  for (const name of counterNames) counters[name] = Number(row[aggregateColumns[name]]);
  return counters;
}
