import { verdictSchema } from '@guardloop/core';
import { isStorableText } from '@guardloop/core/internal';
import { breakdownCounterNames, breakdownDimensions } from '../schemas/breakdown-counters';
import { humanDecisionKinds, humanReviewLimits, slaDeadlines } from '../schemas/human-review';
import { kpiCounterNames } from '../schemas/kpi-counters';
import { type OutcomeEvent, outcomeFlags } from '../schemas/outcome-event';
import { segmentFields } from '../schemas/segment';
import { isStorableKey } from '../schemas/storable-values';
import { ticketSlaLimits, ticketSlaMetrics } from '../schemas/ticket-sla';
import type { TraceState } from '../schemas/trace-state';
import type { AggregateDelta, OutcomeCommit } from './feedback-store';

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

// --- Whole commits: the outcome too, so a batch of plain commits needs no zod at all. ---

/** Free text of an outcome (`z.string().min(1)`), storable, up to this many UTF-8 bytes here. */
const maxPlainTextBytes = 16 * 1024;
/** Aggregate deltas per commit and breakdowns per delta on the plain path (one or two are usual). */
export const plainCommitLimits = { deltas: 8, breakdownsPerDelta: 32 } as const;

const text: Check = (value) => isStorableText(value, maxPlainTextBytes);
// `z.string().trim().min(1)`: only a string trimming leaves as it is gives the same output.
const trimmedText: Check = (value) => text(value) && (value as string).trim() === value;
// `z.string()`: may be empty.
const anyText: Check = (value) => value === '' || text(value);
const unitOrAbsent = optional(unit);
const oneOf = (values: readonly unknown[]): Check => {
  const set = new Set(values);
  return (value) => set.has(value);
};
const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every((item) => check(item));

const eventBaseFields: Record<string, Check> = {
  id: isStorableKey,
  traceId: isStorableKey,
  ticketId: optional(isStorableKey),
  at: count,
  category: isStorableKey,
  channel: isStorableKey,
  queue: isStorableKey,
  inherited: optional(listOf(oneOf(segmentFields))),
  recordedAt: count,
  flags: listOf(oneOf(outcomeFlags)),
  // `data` (any JSON) is left to zod: an event with data takes the zod path.
};

// Each type's payload, as strict as `outcomePayloads` and giving the same output: a field with
// a zod default (`routed.overridden`, `ticket_sla.completed`) must be present here, and types
// with JSON payloads (`human_decision.diff`) or transforms only pass without them.
const payloadFields: Record<string, Record<string, Check>> = {
  decision: {
    decisionId: optional(text),
    verdict,
    confidence: unitOrAbsent,
    proposedAction: optional(text),
    hypothesisId: optional(breakdownKey),
    decidedBy: optional(text),
  },
  escalated: { reason: optional(text), rail: optional(text), by: optional(text) },
  routed: {
    suggestedQueue: optional(text),
    overridden: bool,
    decidedBy: optional(text),
    reason: optional(text),
  },
  deflected: { articleId: optional(text) },
  article_suggested: { articleId: text, articleVersion: optional(positive) },
  resolved: { firstContact: bool, elapsedMs: optional(count) },
  reopened: { reason: trimmedText },
  override: {
    proposed: text,
    actual: text,
    confidence: unitOrAbsent,
    reason: optional(text),
    by: optional(text),
  },
  csat: {
    score: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5,
    comment: optional(text),
  },
  macro_used: {
    macroId: text,
    macroVersion: optional(positive),
    editDistance: count,
    originalText: optional(anyText),
    finalText: optional(anyText),
  },
  article_feedback: {
    articleId: text,
    articleVersion: optional(positive),
    helpful: bool,
    comment: optional(text),
  },
  first_response: { elapsedMs: optional(count) },
  returned: { reason: optional(text) },
  human_decision: {
    escalationId: isStorableKey,
    decision: oneOf(humanDecisionKinds),
    reviewer: isStorableKey,
    rail: optional(breakdownKey),
    action: optional(breakdownKey),
    acknowledgeMs: optional(count),
    decideMs: count,
    slaBreached: bool,
    reason: optional((value) => isStorableText(value, 4096)),
  },
  sla_breached: {
    escalationId: isStorableKey,
    deadline: oneOf(slaDeadlines),
    rail: optional(breakdownKey),
    action: optional(breakdownKey),
    lateMs: count,
  },
  ticket_sla: {
    policy: breakdownKey,
    priority: breakdownKey,
    metric: (value) => slaMetrics.has(value),
    instance: positive,
    targetMs: count,
    elapsedMs: count,
    breached: bool,
    lateMs: optional(count),
    completed: bool,
  },
};

const eventChecks = new Map(
  Object.entries(payloadFields).map(([type, fields]) => {
    const all: Record<string, Check> = { ...eventBaseFields, ...fields };
    // `type` has no check here: `plainOutcomeEvent` compares it with the type it picked these for.
    const required = [
      'type',
      ...Object.keys(all).filter((field) => !(all[field] as Check)(undefined)),
    ];
    return [type, { all, required }];
  }),
);

/**
 * The outcome event `outcomeEventSchema` would return for `value`, built from one read of each
 * field (a getter cannot answer differently later), or undefined when it is not one of the plain
 * shapes above: zod then decides, and words the issues.
 */
export function plainOutcomeEvent(value: unknown): OutcomeEvent | undefined {
  if (!isRecord(value)) return undefined;
  const type = value.type;
  const checks = eventChecks.get(type as string);
  if (!checks) return undefined;
  const event: Record<string, unknown> = {};
  for (const field in value) {
    const item = value[field];
    if (item === undefined) continue;
    if (field === 'type') {
      // The type read again must be the one the payload was checked for.
      if (item !== type) return undefined;
    } else if (!checks.all[field]?.(item)) return undefined;
    event[field] = Array.isArray(item) ? [...item] : item;
  }
  for (const field of checks.required) if (!(field in event)) return undefined;
  return event as OutcomeEvent;
}

const commitFields = new Set(['outcome', 'trace', 'expectedTraceRevision', 'aggregateDeltas']);

/**
 * The trace and the aggregate deltas of a commit, copied (own enumerable fields, nested records
 * and lists too; anything that is not a record or a list as it is): the plain checks then read
 * the copies, and a getter cannot answer differently when the store writes them.
 */
export function copyFlatParts(commit: Record<string, unknown>): {
  trace: unknown;
  aggregateDeltas: unknown;
} {
  const trace = copyRecord(commit.trace, (copy) => {
    copyField(copy, 'humanReviews', copyList);
    copyField(copy, 'ticketSlas', copyList);
  });
  const deltas = commit.aggregateDeltas;
  const aggregateDeltas = Array.isArray(deltas)
    ? deltas.map((delta) =>
        copyRecord(delta, (copy) => {
          copyField(copy, 'counters', copyRecord);
          copyField(copy, 'breakdowns', (breakdowns) =>
            copyList(breakdowns, (breakdown) => copyField(breakdown, 'counters', copyRecord)),
          );
        }),
      )
    : deltas;
  return { trace, aggregateDeltas };
}

/** A record's own enumerable fields, read once, then `adjust`ed; anything else as it is. */
function copyRecord(value: unknown, adjust?: (copy: Record<string, unknown>) => void): unknown {
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  adjust?.(copy);
  return copy;
}

/** Replaces `record[field]` by its copy, when the field is there. */
function copyField(
  record: Record<string, unknown>,
  field: string,
  copy: (value: unknown) => unknown,
): void {
  if (field in record) record[field] = copy(record[field]);
}

/** A list of records, each copied (see `copyRecord`); anything else as it is. */
function copyList(value: unknown, adjust?: (copy: Record<string, unknown>) => void): unknown {
  return Array.isArray(value) ? value.map((item) => copyRecord(item, adjust)) : value;
}

/**
 * A commit of plain parts whose sizes are bounded (see `plainCommitLimits`): no string of it can
 * be unstorable nor the whole over a document's size, so it needs neither zod nor the storable
 * walk. Undefined for anything else (`reflagged` included): zod decides.
 */
export function plainCommit(value: unknown): OutcomeCommit | undefined {
  if (!isRecord(value)) return undefined;
  for (const field in value) if (!commitFields.has(field)) return undefined;
  const { outcome: given, expectedTraceRevision } = value;
  const { trace, aggregateDeltas } = copyFlatParts(value);
  if (!(expectedTraceRevision === null || positive(expectedTraceRevision))) return undefined;
  if (!Array.isArray(aggregateDeltas) || aggregateDeltas.length > plainCommitLimits.deltas) {
    return undefined;
  }
  for (const delta of aggregateDeltas) {
    const breakdowns = (delta as { breakdowns?: unknown } | null)?.breakdowns;
    if (Array.isArray(breakdowns) && breakdowns.length > plainCommitLimits.breakdownsPerDelta) {
      return undefined;
    }
  }
  if (!isPlainTraceState(trace) || !arePlainAggregateDeltas(aggregateDeltas)) return undefined;
  const outcome = plainOutcomeEvent(given);
  if (!outcome || outcome.traceId !== (trace as TraceState).traceId) return undefined;
  return {
    outcome,
    trace: trace as TraceState,
    expectedTraceRevision: expectedTraceRevision as number | null,
    aggregateDeltas: aggregateDeltas as AggregateDelta[],
  };
}
