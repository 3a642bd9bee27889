import type { OutcomeCommit, OutcomeEvent, TraceState } from '@guardloop/feedback';
import { breakdownCounterNames } from '@guardloop/feedback/internal';
import { aggregateColumns, counterNames } from './aggregate-columns';
import { breakdownColumns } from './breakdown-columns';

export const keyedColumns = breakdownCounterNames.map((name) => breakdownColumns[name]);

/** A trace to write: the revision its first commit expects (`null`: a new trace), its last state. */
export interface TraceRow {
  expected: number | null;
  state: TraceState;
}

/** The inputs of one `commitOutcomes` statement (see `buildCommitStatement`). */
export interface CommitRows {
  traces: TraceRow[];
  /** The outcomes to insert, in commit order: the columns are read from the events. */
  outcomes: OutcomeEvent[];
  reflags: { trace_id: string; id: string; flags: string[] }[];
  /** Aggregate deltas summed per trace and bucket (a trace's deltas count only if it is written). */
  deltas: Record<string, unknown>[];
  keyed: Record<string, unknown>[];
  /** Aggregate columns some delta changes, in column order: the only ones the statement names. */
  counterColumns: string[];
}

/**
 * The rows of validated, chained commits: one per trace (its last state, the first commit's
 * expected revision), per outcome, and per trace and bucket (deltas summed). A reflag of an
 * outcome of the same batch rewrites that outcome's flags before it is inserted.
 */
export function commitRows(commits: readonly OutcomeCommit[]): CommitRows {
  const traces = new Map<string, TraceRow>();
  const outcomes = new Map<string, OutcomeEvent>();
  const reflags = new Map<string, CommitRows['reflags'][number]>();
  const deltas = new Map<string, Record<string, unknown>>();
  const keyed = new Map<string, Record<string, unknown>>();
  const changed = new Set<string>();
  for (const { outcome, trace, expectedTraceRevision, aggregateDeltas, reflagged } of commits) {
    const first = traces.get(trace.traceId);
    traces.set(trace.traceId, {
      expected: first ? first.expected : expectedTraceRevision,
      state: trace,
    });
    for (const { id, flags } of reflagged ?? []) {
      const earlier = outcomes.get(id);
      if (earlier?.traceId === trace.traceId) outcomes.set(id, { ...earlier, flags: [...flags] });
      else reflags.set(id, { trace_id: trace.traceId, id, flags: [...flags] });
    }
    outcomes.set(outcome.id, outcome);
    for (const delta of aggregateDeltas) {
      const id = `${trace.traceId}\u0000${delta.day}\u0000${delta.category}\u0000${delta.channel}\u0000${delta.queue}`;
      let row = deltas.get(id);
      if (!row) {
        row = {
          trace_id: trace.traceId,
          day: delta.day,
          category: delta.category,
          channel: delta.channel,
          queue: delta.queue,
        };
        deltas.set(id, row);
      }
      for (const name in delta.counters) {
        const change = delta.counters[name as keyof typeof delta.counters];
        if (!change) continue;
        const column = aggregateColumns[name as keyof typeof aggregateColumns];
        row[column] = ((row[column] as number | undefined) ?? 0) + change;
        changed.add(column);
      }
      for (const { dimension, key, counters } of delta.breakdowns ?? []) {
        const keyId = `${id}\u0000${dimension}\u0000${key}`;
        let entry = keyed.get(keyId);
        if (!entry) {
          entry = { trace_id: trace.traceId, day: delta.day, category: delta.category };
          Object.assign(entry, { channel: delta.channel, queue: delta.queue, dimension, key });
          for (const column of keyedColumns) entry[column] = 0;
          keyed.set(keyId, entry);
        }
        for (const name of breakdownCounterNames) {
          const column = breakdownColumns[name];
          entry[column] = (entry[column] as number) + (counters[name] ?? 0);
        }
      }
    }
  }
  return {
    traces: [...traces.values()],
    outcomes: [...outcomes.values()],
    reflags: [...reflags.values()],
    deltas: [...deltas.values()],
    keyed: [...keyed.values()],
    counterColumns: counterNames
      .map((name) => aggregateColumns[name])
      .filter((column) => changed.has(column)),
  };
}
