import { type KpiCounters, kpiCounterNames } from '../schemas/kpi-counters';
import type { TraceState } from '../schemas/trace-state';
import type { AggregateDelta } from '../store/feedback-store';

const flag = (value: boolean) => (value ? 1 : 0);

/** What one trace adds to its (day × segment) bucket. Every KPI is a ratio of these sums. */
export function traceContribution(trace: TraceState): KpiCounters {
  const resolved = trace.resolutions > 0;
  return {
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
  };
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
  if (!previous) return [{ ...bucketOf(next), counters: after }];
  const before = traceContribution(previous);
  if (!sameBucket(previous, next)) {
    // `0 - x`, not `-x`: a zero stays +0, which JSON (and so every store) keeps as it is.
    const removed = Object.fromEntries(kpiCounterNames.map((name) => [name, 0 - before[name]]));
    return [
      { ...bucketOf(previous), counters: removed },
      { ...bucketOf(next), counters: after },
    ];
  }
  const changed: Partial<KpiCounters> = {};
  for (const name of kpiCounterNames) {
    if (after[name] !== before[name]) changed[name] = after[name] - before[name];
  }
  return Object.keys(changed).length === 0 ? [] : [{ ...bucketOf(next), counters: changed }];
}
