import {
  addBreakdownCounters,
  type BreakdownDelta,
  type BreakdownRow,
  breakdownCounterNames,
  breakdownId,
  emptyBreakdownCounters,
} from '../schemas/breakdown-counters';
import { durationBucketOf } from '../schemas/duration-histogram';
import {
  acknowledgeMsBucketNames,
  decideMsBucketNames,
  type KpiCounters,
  kpiCounterNames,
  ticketSlaFirstResponseMsBucketNames,
  ticketSlaResolutionMsBucketNames,
} from '../schemas/kpi-counters';
import { unknownSegmentValue } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';
import type { AggregateDelta } from '../store/feedback-store';

const flag = (value: boolean) => (value ? 1 : 0);

/** What the trace's human reviews add to the bucket's counters (one per escalation). */
function reviewContribution(trace: TraceState, counters: KpiCounters): KpiCounters {
  for (const name of decideMsBucketNames) counters[name] = 0;
  for (const name of acknowledgeMsBucketNames) counters[name] = 0;
  counters.humanReviews = 0;
  counters.humanDecisions = 0;
  counters.humanApproved = 0;
  counters.humanApprovedWithEdits = 0;
  counters.humanRejected = 0;
  counters.humanSlaBreached = 0;
  counters.decideMsSum = 0;
  counters.acknowledgements = 0;
  counters.acknowledgeMsSum = 0;
  for (const review of trace.humanReviews ?? []) {
    counters.humanReviews += 1;
    counters.humanSlaBreached += flag(review.slaBreached);
    if (review.decision === undefined) continue;
    counters.humanDecisions += 1;
    counters.humanApproved += flag(review.decision === 'approved');
    counters.humanApprovedWithEdits += flag(review.decision === 'approved_with_edits');
    counters.humanRejected += flag(review.decision === 'rejected');
    const decideMs = review.decideMs ?? 0;
    counters.decideMsSum += decideMs;
    counters[decideMsBucketNames[durationBucketOf(decideMs)] as keyof KpiCounters] += 1;
    if (review.acknowledgeMs === undefined) continue;
    counters.acknowledgements += 1;
    counters.acknowledgeMsSum += review.acknowledgeMs;
    counters[
      acknowledgeMsBucketNames[durationBucketOf(review.acknowledgeMs)] as keyof KpiCounters
    ] += 1;
  }
  return counters;
}

/**
 * What the trace's ticket SLA runs add (one per run): every run counts towards the breach rate,
 * completed first-response and resolution runs also towards their time histograms.
 */
function ticketSlaContribution(trace: TraceState, counters: KpiCounters): KpiCounters {
  for (const name of ticketSlaFirstResponseMsBucketNames) counters[name] = 0;
  for (const name of ticketSlaResolutionMsBucketNames) counters[name] = 0;
  counters.ticketSlaRuns = 0;
  counters.ticketSlaBreached = 0;
  counters.ticketSlaFirstResponses = 0;
  counters.ticketSlaFirstResponseMsSum = 0;
  counters.ticketSlaResolutions = 0;
  counters.ticketSlaResolutionMsSum = 0;
  for (const run of trace.ticketSlas ?? []) {
    counters.ticketSlaRuns += 1;
    counters.ticketSlaBreached += flag(run.breached);
    if (!run.completed || run.metric === 'next_response') continue;
    const bucket = durationBucketOf(run.elapsedMs);
    if (run.metric === 'first_response') {
      counters.ticketSlaFirstResponses += 1;
      counters.ticketSlaFirstResponseMsSum += run.elapsedMs;
      counters[ticketSlaFirstResponseMsBucketNames[bucket] as keyof KpiCounters] += 1;
    } else {
      counters.ticketSlaResolutions += 1;
      counters.ticketSlaResolutionMsSum += run.elapsedMs;
      counters[ticketSlaResolutionMsBucketNames[bucket] as keyof KpiCounters] += 1;
    }
  }
  return counters;
}

/** The trace's per-rail and per-action review counters, by `breakdownId`. */
export function breakdownContribution(trace: TraceState): Map<string, BreakdownRow> {
  const rows = new Map<string, BreakdownRow>();
  const resolved = trace.resolutions > 0;
  if (resolved) {
    // The same definitions as the bucket's `resolved` / `firstContactResolved` / `reopened`.
    const counters = {
      resolved: 1,
      firstContactResolved: flag(trace.firstContact && trace.reopens === 0),
      reopened: flag(trace.reopens > 0),
    };
    for (const [dimension, key] of [
      ['action', trace.action],
      ['hypothesis', trace.hypothesisId],
    ] as const) {
      if (key === undefined) continue;
      const row = { dimension, key, counters: emptyBreakdownCounters() };
      rows.set(breakdownId(row), row);
      addBreakdownCounters(row.counters, counters);
    }
  }
  for (const review of trace.humanReviews ?? []) {
    const counters = {
      reviews: 1,
      approved: flag(review.decision === 'approved'),
      approvedWithEdits: flag(review.decision === 'approved_with_edits'),
      rejected: flag(review.decision === 'rejected'),
      slaBreached: flag(review.slaBreached),
    };
    for (const [dimension, key] of [
      ['rail', review.rail ?? unknownSegmentValue],
      ['action', review.action ?? unknownSegmentValue],
    ] as const) {
      const id = breakdownId({ dimension, key });
      const row = rows.get(id) ?? { dimension, key, counters: emptyBreakdownCounters() };
      rows.set(id, row);
      addBreakdownCounters(row.counters, counters);
    }
  }
  for (const run of trace.ticketSlas ?? []) {
    const counters = { ticketSlaRuns: 1, ticketSlaBreached: flag(run.breached) };
    for (const [dimension, key] of [
      ['sla_policy', run.policy],
      ['sla_priority', run.priority],
      ['sla_metric', run.metric],
    ] as const) {
      const id = breakdownId({ dimension, key });
      const row = rows.get(id) ?? { dimension, key, counters: emptyBreakdownCounters() };
      rows.set(id, row);
      addBreakdownCounters(row.counters, counters);
    }
  }
  return rows;
}

/** `after - before` per key, leaving out keys that did not change. */
function breakdownDeltas(
  before: Map<string, BreakdownRow>,
  after: Map<string, BreakdownRow>,
): BreakdownDelta[] {
  const deltas: BreakdownDelta[] = [];
  const ids = new Set([...before.keys(), ...after.keys()]);
  for (const id of ids) {
    const old = before.get(id);
    const next = after.get(id);
    const { dimension, key } = (next ?? old) as BreakdownRow;
    const counters: BreakdownDelta['counters'] = {};
    for (const name of breakdownCounterNames) {
      const change = (next?.counters[name] ?? 0) - (old?.counters[name] ?? 0);
      if (change !== 0) counters[name] = change;
    }
    if (Object.keys(counters).length > 0) deltas.push({ dimension, key, counters });
  }
  return deltas;
}

const noBreakdowns = new Map<string, BreakdownRow>();
const withBreakdowns = (delta: AggregateDelta, breakdowns: BreakdownDelta[]): AggregateDelta =>
  breakdowns.length > 0 ? { ...delta, breakdowns } : delta;

/** What one trace adds to its (day × segment) bucket. Every KPI is a ratio of these sums. */
export function traceContribution(trace: TraceState): KpiCounters {
  const resolved = trace.resolutions > 0;
  const counters = {
    traces: 1,
    // An override implies an AI proposal even when the decision itself was not recorded.
    decisions: flag(trace.decided || trace.overridden),
    escalated: flag(trace.escalated),
    overridden: flag(trace.overridden),
    resolved: flag(resolved),
    firstContactResolved: flag(resolved && trace.firstContact && trace.reopens === 0),
    reopened: flag(resolved && trace.reopens > 0),
    resolutionMsSum: resolved ? (trace.resolutionMs ?? 0) : 0,
    firstResponses: flag(trace.firstResponseMs !== undefined),
    firstResponseMsSum: trace.firstResponseMs ?? 0,
    macroUses: trace.macroUses,
    macroEdits: trace.macroEdits,
    articleSuggestions: trace.articleSuggestions,
    articleHelpful: trace.articleHelpful,
    articleUnhelpful: trace.articleUnhelpful,
    deflected: flag(trace.deflectedAt !== undefined),
    deflectionReturned: flag(trace.deflectedAt !== undefined && trace.returnedAfterDeflection),
    csatResponses: trace.csatResponses,
    csatScoreSum: trace.csatScoreSum,
    openTickets: flag(
      trace.ticketId !== undefined && !trace.resolved && trace.deflectedAt === undefined,
    ),
  } as KpiCounters;
  return ticketSlaContribution(trace, reviewContribution(trace, counters));
}

const bucketOf = (trace: TraceState) => ({
  day: trace.day,
  category: trace.category,
  channel: trace.channel,
  queue: trace.queue,
});

const sameBucket = (a: TraceState, b: TraceState) =>
  a.day === b.day && a.category === b.category && a.channel === b.channel && a.queue === b.queue;

/**
 * The aggregate changes that turn `previous`'s contribution into `next`'s. A trace that moved
 * bucket (new segment, earlier start) is taken out of the old one and added to the new one.
 */
export function aggregateDeltas(
  previous: TraceState | undefined,
  next: TraceState,
): AggregateDelta[] {
  const after = traceContribution(next);
  const keyedAfter = breakdownContribution(next);
  if (!previous) {
    const added = breakdownDeltas(noBreakdowns, keyedAfter);
    return [withBreakdowns({ ...bucketOf(next), counters: after }, added)];
  }
  const before = traceContribution(previous);
  const keyedBefore = breakdownContribution(previous);
  if (!sameBucket(previous, next)) {
    // `0 - x`, not `-x`: a zero stays +0, which JSON (and so every store) keeps as it is.
    const removed = Object.fromEntries(kpiCounterNames.map((name) => [name, 0 - before[name]]));
    return [
      withBreakdowns(
        { ...bucketOf(previous), counters: removed },
        breakdownDeltas(keyedBefore, noBreakdowns),
      ),
      withBreakdowns(
        { ...bucketOf(next), counters: after },
        breakdownDeltas(noBreakdowns, keyedAfter),
      ),
    ];
  }
  const changed: Partial<KpiCounters> = {};
  for (const name of kpiCounterNames) {
    if (after[name] !== before[name]) changed[name] = after[name] - before[name];
  }
  const keyed = breakdownDeltas(keyedBefore, keyedAfter);
  if (Object.keys(changed).length === 0 && keyed.length === 0) return [];
  return [withBreakdowns({ ...bucketOf(next), counters: changed }, keyed)];
}
