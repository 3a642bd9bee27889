import { verdictSchema } from '@guardloop/core';
import { isStorableText } from '@guardloop/core/internal';
import { breakdownCounterNames, breakdownDimensions } from '../schemas/breakdown-counters';
import { humanDecisionKinds, humanReviewLimits } from '../schemas/human-review';
import { kpiCounterNames } from '../schemas/kpi-counters';
import { isStorableKey } from '../schemas/storable-values';
import { ticketSlaLimits, ticketSlaMetrics } from '../schemas/ticket-sla';

// Plain checks of the flat parts of a commit (trace state, aggregate deltas), as strict as
// their zod schemas and rejecting unknown keys (so zod's stripping would change nothing): the
// memory store validates every write, and these take most of a commit's parse time otherwise.
// Anything they do not accept goes through zod, which then reports the issues.

type Check = (value: unknown) => boolean;

const count: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const positive: Check = (value) => Number.isSafeInteger(value) && (value as number) > 0;
const bool: Check = (value) => typeof value === 'boolean';
const unit: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
const verdicts = new Set<unknown>(verdictSchema.options);
const verdict: Check = (value) => verdicts.has(value);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A record whose keys all have a check that passes, and that has every required key. */
const recordOf = (fields: Record<string, Check>): Check => {
  const required = Object.keys(fields).filter((field) => !(fields[field] as Check)(undefined));
  return (value) => {
    if (!isRecord(value)) return false;
    for (const field of required) if (!(field in value)) return false;
    for (const field in value) if (!fields[field]?.(value[field])) return false;
    return true;
  };
};
const breakdownKey: Check = (value) => isStorableText(value, humanReviewLimits.breakdownKeyBytes);
const decisions = new Set<unknown>(humanDecisionKinds);
const humanReview = recordOf({
  escalationId: isStorableKey,
  decision: optional((value) => decisions.has(value)),
  rail: optional(breakdownKey),
  action: optional(breakdownKey),
  acknowledgeMs: optional(count),
  decideMs: optional(count),
  slaBreached: bool,
});
const humanReviews: Check = (value) =>
  Array.isArray(value) &&
  value.length <= humanReviewLimits.reviewsPerTrace &&
  value.every((review) => humanReview(review));

const slaMetrics = new Set<unknown>(ticketSlaMetrics);
const ticketSla = recordOf({
  metric: (value) => slaMetrics.has(value),
  instance: positive,
  policy: breakdownKey,
  priority: breakdownKey,
  targetMs: count,
  elapsedMs: count,
  breached: bool,
  lateMs: optional(count),
  completed: bool,
});
const ticketSlas: Check = (value) =>
  Array.isArray(value) &&
  value.length <= ticketSlaLimits.metricsPerTrace &&
  value.every((record) => ticketSla(record));

const traceFields: Record<string, Check> = {
  traceId: isStorableKey,
  revision: positive,
  known: bool,
  ticketId: optional(isStorableKey),
  startedAt: count,
  day: count,
  updatedAt: count,
  latestAt: optional(count),
  category: isStorableKey,
  channel: isStorableKey,
  queue: isStorableKey,
  outcomes: count,
  decided: bool,
  verdict: optional(verdict),
  confidence: optional(unit),
  action: optional(breakdownKey),
  hypothesisId: optional(breakdownKey),
  escalated: bool,
  overridden: bool,
  resolved: bool,
  resolutions: count,
  firstContact: bool,
  reopens: count,
  resolutionMs: optional(count),
  firstResponseMs: optional(count),
  macroUses: count,
  macroEdits: count,
  articleSuggestions: count,
  articleHelpful: count,
  articleUnhelpful: count,
  csatResponses: count,
  csatScoreSum: count,
  deflectedAt: optional(count),
  returnedAfterDeflection: bool,
  humanReviews: optional(humanReviews),
  ticketSlas: optional(ticketSlas),
};
const requiredTraceFields = Object.keys(traceFields).filter(
  (field) => (traceFields[field] as Check)(undefined) === false,
);

/** Whether `value` is a trace state `traceStateSchema` accepts unchanged. */
export function isPlainTraceState(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const field of requiredTraceFields) if (!(field in value)) return false;
  for (const field in value) {
    const check = traceFields[field];
    if (!check?.(value[field])) return false;
  }
  return true;
}

const counterNames = new Set<string>(kpiCounterNames);
const deltaFields = new Set(['day', 'category', 'channel', 'queue', 'counters', 'breakdowns']);
const dimensions = new Set<unknown>(breakdownDimensions);
const breakdownCounters = new Set<string>(breakdownCounterNames);
const breakdownDelta = recordOf({
  dimension: (value) => dimensions.has(value),
  key: breakdownKey,
  counters: (value) => {
    if (!isRecord(value)) return false;
    for (const name in value) {
      const change = value[name];
      if (!breakdownCounters.has(name) || (change !== undefined && !Number.isSafeInteger(change)))
        return false;
    }
    return true;
  },
});
const breakdownDeltas = optional(
  (value) => Array.isArray(value) && value.every((delta) => breakdownDelta(delta)),
);

/** Whether `value` is a list of aggregate deltas their schema accepts unchanged. */
export function arePlainAggregateDeltas(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const delta of value) {
    if (!isRecord(delta) || !count(delta.day)) return false;
    if (!isStorableKey(delta.category) || !isStorableKey(delta.channel)) return false;
    if (!isStorableKey(delta.queue) || !isRecord(delta.counters)) return false;
    if (!breakdownDeltas(delta.breakdowns)) return false;
    for (const field in delta) if (!deltaFields.has(field)) return false;
    for (const name in delta.counters) {
      const change = delta.counters[name];
      if (!counterNames.has(name) || (change !== undefined && !Number.isSafeInteger(change)))
        return false;
    }
  }
  return true;
}
