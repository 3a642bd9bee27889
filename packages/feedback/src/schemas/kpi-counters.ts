import { z } from 'zod';

/**
 * The additive counters behind every KPI, kept per (UTC day × category × channel × queue).
 * A SQL store can map each name to a bigint column and add deltas with an upsert.
 */
export const kpiCounterNames = [
  'traces',
  'decisions',
  'escalated',
  'overridden',
  'resolved',
  'firstContactResolved',
  'reopened',
  'resolutionMsSum',
  'firstResponses',
  'firstResponseMsSum',
  'macroUses',
  'macroEdits',
  'articleSuggestions',
  'articleHelpful',
  'articleUnhelpful',
  'deflected',
  'deflectionReturned',
  'csatResponses',
  'csatScoreSum',
  'openTickets',
] as const;

export type KpiCounterName = (typeof kpiCounterNames)[number];
export type KpiCounters = Record<KpiCounterName, number>;

export const kpiCountersSchema = z.object(
  Object.fromEntries(kpiCounterNames.map((name) => [name, z.number().int()])) as Record<
    KpiCounterName,
    z.ZodNumber
  >,
);

export function emptyKpiCounters(): KpiCounters {
  return Object.fromEntries(kpiCounterNames.map((name) => [name, 0])) as KpiCounters;
}

/**
 * Adds `delta` into `target` in place (deltas may be negative). Written out field by field:
 * KPI queries sum thousands of buckets, and named property access is many times faster than a
 * loop over `kpiCounterNames`. The unit test checks that no counter is missing.
 */
export function addKpiCounters(target: KpiCounters, delta: Partial<KpiCounters>): KpiCounters {
  target.traces += delta.traces ?? 0;
  target.decisions += delta.decisions ?? 0;
  target.escalated += delta.escalated ?? 0;
  target.overridden += delta.overridden ?? 0;
  target.resolved += delta.resolved ?? 0;
  target.firstContactResolved += delta.firstContactResolved ?? 0;
  target.reopened += delta.reopened ?? 0;
  target.resolutionMsSum += delta.resolutionMsSum ?? 0;
  target.firstResponses += delta.firstResponses ?? 0;
  target.firstResponseMsSum += delta.firstResponseMsSum ?? 0;
  target.macroUses += delta.macroUses ?? 0;
  target.macroEdits += delta.macroEdits ?? 0;
  target.articleSuggestions += delta.articleSuggestions ?? 0;
  target.articleHelpful += delta.articleHelpful ?? 0;
  target.articleUnhelpful += delta.articleUnhelpful ?? 0;
  target.deflected += delta.deflected ?? 0;
  target.deflectionReturned += delta.deflectionReturned ?? 0;
  target.csatResponses += delta.csatResponses ?? 0;
  target.csatScoreSum += delta.csatScoreSum ?? 0;
  target.openTickets += delta.openTickets ?? 0;
  return target;
}
