import {
  addBreakdownCounters,
  type BreakdownDelta,
  type BreakdownRow,
  breakdownId,
  emptyBreakdownCounters,
  isZeroBreakdown,
} from '../schemas/breakdown-counters';
import { addKpiCounters, emptyKpiCounters } from '../schemas/kpi-counters';
import type { OutcomeEvent, StoredOutcome } from '../schemas/outcome-event';
import { matchesSegment } from '../schemas/segment';
import type { TraceState } from '../schemas/trace-state';
import type {
  AggregateQuery,
  AggregateRow,
  FeedbackCommitResult,
  OutcomeCommit,
  OutcomeQuery,
  Page,
  TraceQuery,
} from './feedback-store';
import { keysetPageFrom, pageLimit } from './page';
import { decodePageCursor, encodePageCursor } from './page-cursor';

/**
 * Copies without structuredClone: trace states are flat, outcomes are flat but for `flags` and
 * the host's `data`. This keeps the in-memory store fast enough for a million outcomes.
 */
const copyTrace = (trace: TraceState): TraceState => {
  const copy = { ...trace };
  if (trace.humanReviews !== undefined)
    copy.humanReviews = trace.humanReviews.map((review) => ({ ...review }));
  if (trace.ticketSlas !== undefined)
    copy.ticketSlas = trace.ticketSlas.map((record) => ({ ...record }));
  return copy;
};
function copyOutcome<Outcome extends OutcomeEvent>(outcome: Outcome): Outcome {
  const copy = { ...outcome, flags: [...outcome.flags] };
  if (outcome.inherited !== undefined) copy.inherited = [...outcome.inherited];
  if (outcome.data !== undefined) copy.data = structuredClone(outcome.data);
  return copy;
}

function addBreakdowns(
  table: Map<string, Map<string, BreakdownRow>>,
  bucket: string,
  deltas: readonly BreakdownDelta[],
): void {
  const keys = table.get(bucket) ?? new Map<string, BreakdownRow>();
  table.set(bucket, keys);
  for (const { dimension, key, counters } of deltas) {
    const id = breakdownId({ dimension, key });
    const entry = keys.get(id) ?? { dimension, key, counters: emptyBreakdownCounters() };
    keys.set(id, entry);
    addBreakdownCounters(entry.counters, counters);
  }
}

const inRange = (value: number, from: number | undefined, to: number | undefined) =>
  (from === undefined || value >= from) && (to === undefined || value < to);

/** Outcomes, trace states and day aggregates of the in-memory store. */
export function createMemoryOutcomeTable() {
  const log: StoredOutcome[] = [];
  const byId = new Map<string, StoredOutcome>();
  const byTrace = new Map<string, StoredOutcome[]>();
  const traces = new Map<string, TraceState>();
  const traceOrder: string[] = [];
  /** 1-based position in `traceOrder`: the key traces are paged by. */
  const tracePosition = new Map<string, number>();
  const aggregates = new Map<string, AggregateRow>();
  /** Per bucket id: the per-rail and per-action counters by `breakdownId`. */
  const breakdowns = new Map<string, Map<string, BreakdownRow>>();

  const matches = (outcome: StoredOutcome, query: OutcomeQuery) =>
    (query.traceId === undefined || outcome.traceId === query.traceId) &&
    (query.ticketId === undefined || outcome.ticketId === query.ticketId) &&
    (query.types === undefined || query.types.includes(outcome.type)) &&
    (query.flag === undefined || outcome.flags.includes(query.flag)) &&
    inRange(outcome.at, query.from, query.to) &&
    matchesSegment(outcome, query.segment);

  return {
    commit({
      outcome,
      trace,
      expectedTraceRevision,
      aggregateDeltas,
      reflagged,
    }: OutcomeCommit): FeedbackCommitResult {
      const existing = byId.get(outcome.id);
      if (existing) return { status: 'duplicate', outcome: copyOutcome(existing) };
      const current = traces.get(trace.traceId);
      if ((current?.revision ?? null) !== expectedTraceRevision) return { status: 'conflict' };
      const stored = { ...copyOutcome(outcome), sequence: log.length + 1 };
      log.push(stored);
      byId.set(stored.id, stored);
      const ofTrace = byTrace.get(stored.traceId);
      if (ofTrace) ofTrace.push(stored);
      else byTrace.set(stored.traceId, [stored]);
      if (!current) tracePosition.set(trace.traceId, traceOrder.push(trace.traceId));
      traces.set(trace.traceId, copyTrace(trace));
      for (const { id, flags } of reflagged ?? []) {
        const target = byId.get(id);
        if (target?.traceId === trace.traceId) target.flags = [...flags];
      }
      for (const { counters, breakdowns: keyed, ...key } of aggregateDeltas) {
        const id = `${key.day}\u0000${key.category}\u0000${key.channel}\u0000${key.queue}`;
        const row = aggregates.get(id) ?? { ...key, counters: emptyKpiCounters() };
        aggregates.set(id, row);
        addKpiCounters(row.counters, counters);
        if (keyed?.length) addBreakdowns(breakdowns, id, keyed);
      }
      return { status: 'recorded', outcome: copyOutcome(stored) };
    },
    /**
     * `commitOutcomes`: per trace all-or-nothing. The chain of each trace was validated, so
     * once its first commit's revision matches and none of its outcomes exists, every one of
     * its commits records.
     */
    commitMany(commits: readonly OutcomeCommit[]): FeedbackCommitResult[] {
      const blocked = new Set<string>();
      const seen = new Set<string>();
      for (const { outcome, trace, expectedTraceRevision } of commits) {
        if (byId.has(outcome.id)) blocked.add(trace.traceId);
        if (seen.has(trace.traceId)) continue;
        seen.add(trace.traceId);
        const current = traces.get(trace.traceId);
        if ((current?.revision ?? null) !== expectedTraceRevision) blocked.add(trace.traceId);
      }
      return commits.map((commit): FeedbackCommitResult => {
        if (!blocked.has(commit.trace.traceId)) return this.commit(commit);
        const existing = byId.get(commit.outcome.id);
        return existing
          ? { status: 'duplicate', outcome: copyOutcome(existing) }
          : { status: 'conflict' };
      });
    },
    getOutcome: (id: string) => {
      const outcome = byId.get(id);
      return outcome && copyOutcome(outcome);
    },
    listOutcomes(query: OutcomeQuery): Page<StoredOutcome> {
      // Keyed by sequence: stable even while outcomes are appended.
      const after = decodePageCursor('outcomes', query)?.[0] ?? 0;
      const source = query.traceId === undefined ? log : (byTrace.get(query.traceId) ?? []);
      const limit = pageLimit(query);
      const items: StoredOutcome[] = [];
      for (const outcome of source) {
        if (outcome.sequence <= after || !matches(outcome, query)) continue;
        if (items.length === limit) {
          const last = (items.at(-1) as StoredOutcome).sequence;
          return { items, nextCursor: encodePageCursor('outcomes', query, [last]) };
        }
        items.push(copyOutcome(outcome));
      }
      return { items };
    },
    getTrace: (traceId: string) => {
      const trace = traces.get(traceId);
      return trace && copyTrace(trace);
    },
    listTraces(query: TraceQuery): Page<TraceState> {
      const matching = traceOrder
        .map((traceId) => traces.get(traceId) as TraceState)
        .filter(
          (trace) =>
            inRange(trace.day, query.fromDay, query.toDay) && matchesSegment(trace, query.segment),
        );
      const positionOf = (trace: TraceState) => tracePosition.get(trace.traceId) ?? 0;
      const page = keysetPageFrom(
        'traces',
        matching,
        query,
        (trace) => [positionOf(trace)],
        (trace, [after]) => positionOf(trace) > after,
      );
      return { ...page, items: page.items.map(copyTrace) };
    },
    queryAggregates(query: AggregateQuery): AggregateRow[] {
      const rows: AggregateRow[] = [];
      for (const row of aggregates.values()) {
        if (!inRange(row.day, query.fromDay, query.toDay) || !matchesSegment(row, query.segment))
          continue;
        // Every trace adds `traces: 1`: a bucket without traces is all zeros (they moved out).
        if (row.counters.traces === 0) continue;
        const id = `${row.day}\u0000${row.category}\u0000${row.channel}\u0000${row.queue}`;
        const keyed = [...(breakdowns.get(id)?.values() ?? [])]
          .filter((entry) => !isZeroBreakdown(entry.counters))
          .map((entry) => ({ ...entry, counters: { ...entry.counters } }));
        rows.push({
          ...row,
          counters: { ...row.counters },
          ...(keyed.length > 0 ? { breakdowns: keyed } : {}),
        });
      }
      return rows;
    },
  };
}
