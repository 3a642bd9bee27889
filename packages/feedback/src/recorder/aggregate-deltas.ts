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
  emptyKpiCounters,
  type KpiCounterName,
  type KpiCounters,
  ticketSlaFirstResponseMsBucketNames,
  ticketSlaResolutionMsBucketNames,
} from '../schemas/kpi-counters';
import { unknownSegmentValue } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';
import type { AggregateDelta } from '../store/feedback-store';

const flag = (value: boolean) => (value ? 1 : 0);

/** Counters that are not zero; every other one is zero. */
type SparseCounters = Partial<KpiCounters>;

const add = (counters: SparseCounters, name: KpiCounterName, value: number) => {
  if (value !== 0) counters[name] = (counters[name] ?? 0) + value;
};

/** What the trace's human reviews add to the bucket's counters (one per escalation). */
function addReviews(reviews: NonNullable<TraceState['humanReviews']>, counters: SparseCounters) {
  for (const review of reviews) {
    add(counters, 'humanReviews', 1);
    add(counters, 'humanSlaBreached', flag(review.slaBreached));
    if (review.decision === undefined) continue;
    add(counters, 'humanDecisions', 1);
    add(counters, 'humanApproved', flag(review.decision === 'approved'));
    add(counters, 'humanApprovedWithEdits', flag(review.decision === 'approved_with_edits'));
    add(counters, 'humanRejected', flag(review.decision === 'rejected'));
    const decideMs = review.decideMs ?? 0;
    add(counters, 'decideMsSum', decideMs);
    add(counters, decideMsBucketNames[durationBucketOf(decideMs)] as KpiCounterName, 1);
    if (review.acknowledgeMs === undefined) continue;
    add(counters, 'acknowledgements', 1);
    add(counters, 'acknowledgeMsSum', review.acknowledgeMs);
    const bucket = acknowledgeMsBucketNames[durationBucketOf(review.acknowledgeMs)];
    add(counters, bucket as KpiCounterName, 1);
  }
}

/**
 * What the trace's ticket SLA runs add (one per run): every run counts towards the breach rate,
 * completed first-response and resolution runs also towards their time histograms.
 */
function addTicketSlas(runs: NonNullable<TraceState['ticketSlas']>, counters: SparseCounters) {
  for (const run of runs) {
    add(counters, 'ticketSlaRuns', 1);
    add(counters, 'ticketSlaBreached', flag(run.breached));
    if (!run.completed || run.metric === 'next_response') continue;
    const bucket = durationBucketOf(run.elapsedMs);
    if (run.metric === 'first_response') {
      add(counters, 'ticketSlaFirstResponses', 1);
      add(counters, 'ticketSlaFirstResponseMsSum', run.elapsedMs);
      add(counters, ticketSlaFirstResponseMsBucketNames[bucket] as KpiCounterName, 1);
    } else {
      add(counters, 'ticketSlaResolutions', 1);
      add(counters, 'ticketSlaResolutionMsSum', run.elapsedMs);
      add(counters, ticketSlaResolutionMsBucketNames[bucket] as KpiCounterName, 1);
    }
  }
}

/**
 * The non-zero counters of `traceContribution`. A recorder computes two per outcome: with a
 * hundred counters, mostly zero, the full record would cost more than the rest of the fold.
 */
function sparseContribution(trace: TraceState): SparseCounters {
  const resolved = trace.resolutions > 0;
  const counters: SparseCounters = { traces: 1 };
  // An override implies an AI proposal even when the decision itself was not recorded.
  add(counters, 'decisions', flag(trace.decided || trace.overridden));
  add(counters, 'escalated', flag(trace.escalated));
  add(counters, 'overridden', flag(trace.overridden));
  if (resolved) {
    add(counters, 'resolved', 1);
    add(counters, 'firstContactResolved', flag(trace.firstContact && trace.reopens === 0));
    add(counters, 'reopened', flag(trace.reopens > 0));
    add(counters, 'resolutionMsSum', trace.resolutionMs ?? 0);
  }
  if (trace.firstResponseMs !== undefined) {
    add(counters, 'firstResponses', 1);
    add(counters, 'firstResponseMsSum', trace.firstResponseMs);
  }
  add(counters, 'macroUses', trace.macroUses);
  add(counters, 'macroEdits', trace.macroEdits);
  add(counters, 'articleSuggestions', trace.articleSuggestions);
  add(counters, 'articleHelpful', trace.articleHelpful);
  add(counters, 'articleUnhelpful', trace.articleUnhelpful);
  if (trace.deflectedAt !== undefined) {
    add(counters, 'deflected', 1);
    add(counters, 'deflectionReturned', flag(trace.returnedAfterDeflection));
  }
  add(counters, 'csatResponses', trace.csatResponses);
  add(counters, 'csatScoreSum', trace.csatScoreSum);
  add(
    counters,
    'openTickets',
    flag(trace.ticketId !== undefined && !trace.resolved && trace.deflectedAt === undefined),
  );
  if (trace.humanReviews) addReviews(trace.humanReviews, counters);
  if (trace.ticketSlas) addTicketSlas(trace.ticketSlas, counters);
  return counters;
}

/** Read only: what a trace without resolutions, reviews or SLA runs contributes per key. */
const noBreakdowns: ReadonlyMap<string, BreakdownRow> = new Map();

/** The trace's per-rail and per-action review counters, by `breakdownId` (read only). */
function breakdownContribution(trace: TraceState): ReadonlyMap<string, BreakdownRow> {
  if (trace.resolutions === 0 && !trace.humanReviews?.length && !trace.ticketSlas?.length) {
    return noBreakdowns;
  }
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
  before: ReadonlyMap<string, BreakdownRow>,
  after: ReadonlyMap<string, BreakdownRow>,
): BreakdownDelta[] {
  if (before.size === 0 && after.size === 0) return [];
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

const withBreakdowns = (delta: AggregateDelta, breakdowns: BreakdownDelta[]): AggregateDelta =>
  breakdowns.length > 0 ? { ...delta, breakdowns } : delta;

/** What one trace adds to its (day × segment) bucket. Every KPI is a ratio of these sums. */
export function traceContribution(trace: TraceState): KpiCounters {
  return Object.assign(emptyKpiCounters(), sparseContribution(trace));
}

/** `after - before` per counter, leaving out counters that did not change. */
function counterChanges(after: SparseCounters, before: SparseCounters): SparseCounters {
  const changed: SparseCounters = {};
  for (const name in after) {
    const key = name as KpiCounterName;
    const change = (after[key] as number) - (before[key] ?? 0);
    if (change !== 0) changed[key] = change;
  }
  // `0 - x` of a non-zero x: never a -0, which JSON (and so a store) would not keep.
  for (const name in before)
    if (!(name in after))
      changed[name as KpiCounterName] = 0 - (before[name as KpiCounterName] as number);
  return changed;
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
  const after = sparseContribution(next);
  const keyedAfter = breakdownContribution(next);
  if (!previous) {
    const added = breakdownDeltas(noBreakdowns, keyedAfter);
    return [withBreakdowns({ ...bucketOf(next), counters: after }, added)];
  }
  const before = sparseContribution(previous);
  const keyedBefore = breakdownContribution(previous);
  if (!sameBucket(previous, next)) {
    return [
      withBreakdowns(
        { ...bucketOf(previous), counters: counterChanges({}, before) },
        breakdownDeltas(keyedBefore, noBreakdowns),
      ),
      withBreakdowns(
        { ...bucketOf(next), counters: after },
        breakdownDeltas(noBreakdowns, keyedAfter),
      ),
    ];
  }
  const changed = counterChanges(after, before);
  const keyed = breakdownDeltas(keyedBefore, keyedAfter);
  if (Object.keys(changed).length === 0 && keyed.length === 0) return [];
  return [withBreakdowns({ ...bucketOf(next), counters: changed }, keyed)];
}
