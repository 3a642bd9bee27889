import { z } from 'zod';
import { durationHistogramSize } from './duration-histogram';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
/** `00` .. `18`: one per bucket of `durationHistogramBoundsMs`. */
type BucketIndex = `0${Digit}` | `1${Exclude<Digit, '9'>}`;

const bucketIndexes = Array.from({ length: durationHistogramSize }, (_, index) =>
  String(index).padStart(2, '0'),
) as BucketIndex[];

/** Counts of human decision times per `durationHistogramBoundsMs` bucket. */
export const decideMsBucketNames = bucketIndexes.map((index) => `decideMsBucket${index}` as const);
/** Counts of acknowledge times per `durationHistogramBoundsMs` bucket. */
export const acknowledgeMsBucketNames = bucketIndexes.map(
  (index) => `acknowledgeMsBucket${index}` as const,
);
/** Counts of completed ticket SLA first-response times per `durationHistogramBoundsMs` bucket. */
export const ticketSlaFirstResponseMsBucketNames = bucketIndexes.map(
  (index) => `ticketSlaFirstResponseMsBucket${index}` as const,
);
/** Counts of completed ticket SLA resolution times per `durationHistogramBoundsMs` bucket. */
export const ticketSlaResolutionMsBucketNames = bucketIndexes.map(
  (index) => `ticketSlaResolutionMsBucket${index}` as const,
);
export type DurationBucketCounterName =
  | (typeof decideMsBucketNames)[number]
  | (typeof acknowledgeMsBucketNames)[number]
  | (typeof ticketSlaFirstResponseMsBucketNames)[number]
  | (typeof ticketSlaResolutionMsBucketNames)[number];

/**
 * The additive counters behind every KPI, kept per (UTC day × category × channel × queue).
 * A SQL store can map each name to a bigint column and add deltas with an upsert.
 */
const flatCounterNames = [
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
  // Human review of escalations, counted per escalation (see `humanReviewSchema`).
  /** Escalations decided or breached: the SLA breach rate's denominator. */
  'humanReviews',
  'humanDecisions',
  'humanApproved',
  'humanApprovedWithEdits',
  'humanRejected',
  'humanSlaBreached',
  'decideMsSum',
  /** Decisions that gave `acknowledgeMs`. */
  'acknowledgements',
  'acknowledgeMsSum',
  // Ticket SLA metric runs, counted per run (see `ticketSlaRecordSchema`).
  /** Runs recorded (completed or breached): the ticket SLA breach rate's denominator. */
  'ticketSlaRuns',
  'ticketSlaBreached',
  /** Completed first-response runs, and their measured times. */
  'ticketSlaFirstResponses',
  'ticketSlaFirstResponseMsSum',
  /** Completed resolution runs, and their measured times. */
  'ticketSlaResolutions',
  'ticketSlaResolutionMsSum',
] as const;

export type KpiCounterName = (typeof flatCounterNames)[number] | DurationBucketCounterName;

/**
 * Every counter, in a fixed order. Each is additive; the duration buckets are too, which is why
 * the decision-time percentiles can be computed from day aggregates.
 */
export const kpiCounterNames: readonly KpiCounterName[] = [
  ...flatCounterNames,
  ...decideMsBucketNames,
  ...acknowledgeMsBucketNames,
  ...ticketSlaFirstResponseMsBucketNames,
  ...ticketSlaResolutionMsBucketNames,
];
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
  target.humanReviews += delta.humanReviews ?? 0;
  target.humanDecisions += delta.humanDecisions ?? 0;
  target.humanApproved += delta.humanApproved ?? 0;
  target.humanApprovedWithEdits += delta.humanApprovedWithEdits ?? 0;
  target.humanRejected += delta.humanRejected ?? 0;
  target.humanSlaBreached += delta.humanSlaBreached ?? 0;
  target.decideMsSum += delta.decideMsSum ?? 0;
  target.acknowledgements += delta.acknowledgements ?? 0;
  target.acknowledgeMsSum += delta.acknowledgeMsSum ?? 0;
  for (const name of decideMsBucketNames) target[name] += delta[name] ?? 0;
  target.ticketSlaRuns += delta.ticketSlaRuns ?? 0;
  target.ticketSlaBreached += delta.ticketSlaBreached ?? 0;
  target.ticketSlaFirstResponses += delta.ticketSlaFirstResponses ?? 0;
  target.ticketSlaFirstResponseMsSum += delta.ticketSlaFirstResponseMsSum ?? 0;
  target.ticketSlaResolutions += delta.ticketSlaResolutions ?? 0;
  target.ticketSlaResolutionMsSum += delta.ticketSlaResolutionMsSum ?? 0;
  for (const name of acknowledgeMsBucketNames) target[name] += delta[name] ?? 0;
  for (const name of ticketSlaFirstResponseMsBucketNames) target[name] += delta[name] ?? 0;
  for (const name of ticketSlaResolutionMsBucketNames) target[name] += delta[name] ?? 0;
  return target;
}
