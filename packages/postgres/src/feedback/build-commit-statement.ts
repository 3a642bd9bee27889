import type { OutcomeCommit, OutcomeEvent } from '@guardloop/feedback';
import { breakdownCounterNames } from '@guardloop/feedback/internal';
import { aggregateColumns, counterNames } from './aggregate-columns';
import { breakdownColumns } from './breakdown-columns';
import type { FeedbackTables } from './feedback-tables';

type Tables = Pick<FeedbackTables, 'outcomes' | 'traces' | 'aggregates' | 'breakdowns'>;

const keyedColumns = breakdownCounterNames.map((name) => breakdownColumns[name]);
const bigints = (columns: readonly string[]) => columns.map((column) => `${column} bigint`);
const additions = (alias: string, columns: readonly string[]) =>
  columns.map((column) => `${column} = ${alias}.${column} + EXCLUDED.${column}`);

interface CommitRows {
  traces: Record<string, unknown>[];
  outcomes: Record<string, unknown>[];
  reflags: Record<string, unknown>[];
  deltas: Record<string, unknown>[];
  keyed: Record<string, unknown>[];
  /** Aggregate columns some delta changes: the only ones the statement names. */
  counterColumns: string[];
}

/**
 * The one statement of `commitOutcomes` (and so of `commitOutcome`). Every input travels as a
 * jsonb recordset; parts with nothing to do (no existing trace, no new one, no re-fold, no
 * breakdown) and aggregate columns no delta changes are left out, which keeps planning short.
 * In order of the locks it takes: the outcomes already stored block their trace; each trace's
 * row is locked in trace id order when its revision is the expected one (a new trace is
 * inserted, ON CONFLICT DO NOTHING); only the traces written (`won`) get their outcomes inserted
 * (in commit order, so sequences follow it), their re-fold flags and their aggregate and
 * breakdown deltas added (summed per row, in row order). Under READ COMMITTED a concurrent
 * writer of the same trace makes the row lock wait and the revision re-check fail: nothing of
 * that trace is written. An id inserted meanwhile for another trace fails the statement whole
 * (23505), and nothing at all is written.
 */
export function buildCommitStatement(
  { outcomes, traces, aggregates, breakdowns }: Tables,
  commits: readonly OutcomeCommit[],
): { text: string; params: string[] } {
  const rows = commitRows(commits);
  const params: string[] = [];
  const param = (value: unknown) => `$${params.push(JSON.stringify(value))}::jsonb`;
  const parts: string[] = [
    `input_traces AS (
      SELECT * FROM jsonb_to_recordset(${param(rows.traces)}) AS input(trace_id text,
        expected integer, revision integer, day bigint, category text, channel text, queue text,
        state jsonb)
    )`,
    `input_outcomes AS (
      SELECT * FROM jsonb_to_recordset(${param(rows.outcomes)}) AS input(ord integer, id text,
        trace_id text, ticket_id text, type text, at bigint, category text, channel text,
        queue text, flags text[], event jsonb)
    )`,
    `duplicates AS (
      SELECT stored.id, stored.sequence, stored.event, input.trace_id
      FROM input_outcomes input JOIN ${outcomes} stored ON stored.id = input.id
    )`,
  ];
  const won: string[] = [];
  if (rows.traces.some((trace) => trace.expected !== null)) {
    parts.push(
      `locked AS (
        SELECT stored.trace_id FROM ${traces} stored
        JOIN input_traces input
          ON input.trace_id = stored.trace_id AND stored.revision = input.expected
        WHERE input.trace_id NOT IN (SELECT trace_id FROM duplicates)
        ORDER BY stored.trace_id FOR UPDATE OF stored
      )`,
      `updated AS (
        UPDATE ${traces} stored SET revision = input.revision, day = input.day,
          category = input.category, channel = input.channel, queue = input.queue,
          state = input.state
        FROM input_traces input
        WHERE stored.trace_id = input.trace_id AND stored.trace_id IN (SELECT trace_id FROM locked)
        RETURNING stored.trace_id
      )`,
    );
    won.push('SELECT trace_id FROM updated');
  }
  if (rows.traces.some((trace) => trace.expected === null)) {
    parts.push(`created AS (
      INSERT INTO ${traces} (trace_id, revision, day, category, channel, queue, state)
      SELECT trace_id, revision, day, category, channel, queue, state FROM input_traces
      WHERE expected IS NULL AND trace_id NOT IN (SELECT trace_id FROM duplicates)
      ORDER BY trace_id
      ON CONFLICT (trace_id) DO NOTHING
      RETURNING trace_id
    )`);
    won.push('SELECT trace_id FROM created');
  }
  parts.push(
    `won AS (${won.join(' UNION ALL ')})`,
    `inserted AS (
      INSERT INTO ${outcomes} (id, trace_id, ticket_id, type, at, category, channel, queue, flags, event)
      SELECT id, trace_id, ticket_id, type, at, category, channel, queue, flags, event
      FROM input_outcomes WHERE trace_id IN (SELECT trace_id FROM won)
      ORDER BY ord
      RETURNING id, sequence
    )`,
  );
  if (rows.reflags.length > 0) {
    parts.push(`reflagged AS (
      UPDATE ${outcomes} stored
      SET flags = change.flags, event = jsonb_set(stored.event, '{flags}', to_jsonb(change.flags))
      FROM jsonb_to_recordset(${param(rows.reflags)}) AS change(trace_id text, id text, flags text[])
      WHERE stored.id = change.id AND stored.trace_id = change.trace_id
        AND change.trace_id IN (SELECT trace_id FROM won)
    )`);
  }
  if (rows.counterColumns.length > 0) {
    const columns = rows.counterColumns;
    parts.push(`added AS (
      INSERT INTO ${aggregates} AS aggregate (day, category, channel, queue, ${columns.join(', ')})
      SELECT day, category, channel, queue, ${columns.map((column) => `coalesce(sum(${column}), 0)`).join(', ')}
      FROM jsonb_to_recordset(${param(rows.deltas)}) AS delta(trace_id text, day bigint,
        category text, channel text, queue text, ${bigints(columns).join(', ')})
      WHERE trace_id IN (SELECT trace_id FROM won)
      GROUP BY day, category, channel, queue
      ORDER BY day, category, channel, queue
      ON CONFLICT (day, category, channel, queue) DO UPDATE SET ${additions('aggregate', columns).join(', ')}
    )`);
  }
  if (rows.keyed.length > 0) {
    parts.push(`keyed AS (
      INSERT INTO ${breakdowns} AS breakdown (day, category, channel, queue, dimension, key, ${keyedColumns.join(', ')})
      SELECT day, category, channel, queue, dimension, key, ${keyedColumns.map((column) => `sum(${column})`).join(', ')}
      FROM jsonb_to_recordset(${param(rows.keyed)}) AS delta(trace_id text, day bigint,
        category text, channel text, queue text, dimension text, key text, ${bigints(keyedColumns).join(', ')})
      WHERE trace_id IN (SELECT trace_id FROM won)
      GROUP BY day, category, channel, queue, dimension, key
      ORDER BY day, category, channel, queue, dimension, key
      ON CONFLICT (day, category, channel, queue, dimension, key) DO UPDATE SET ${additions('breakdown', keyedColumns).join(', ')}
    )`);
  }
  return {
    text: `WITH ${parts.join(',\n')}
      SELECT 'inserted' AS kind, id, sequence, NULL::jsonb AS event FROM inserted
      UNION ALL SELECT 'duplicate', id, sequence, event FROM duplicates`,
    params,
  };
}

const outcomeRow = (outcome: OutcomeEvent, ord: number) => ({
  ord,
  id: outcome.id,
  trace_id: outcome.traceId,
  ticket_id: outcome.ticketId ?? null,
  type: outcome.type,
  at: outcome.at,
  category: outcome.category,
  channel: outcome.channel,
  queue: outcome.queue,
  flags: outcome.flags,
  event: outcome,
});

/**
 * The rows of validated, chained commits: one per trace (its last state, the first commit's
 * expected revision), per outcome, and per trace and bucket (deltas summed). A reflag of an
 * outcome of the same batch rewrites that outcome's flags before it is inserted.
 */
function commitRows(commits: readonly OutcomeCommit[]): CommitRows {
  const traces = new Map<string, Record<string, unknown>>();
  const outcomes = new Map<string, OutcomeEvent>();
  const reflags = new Map<string, Record<string, unknown>>();
  const deltas = new Map<string, Record<string, unknown>>();
  const keyed = new Map<string, Record<string, unknown>>();
  const changed = new Set<string>();
  for (const { outcome, trace, expectedTraceRevision, aggregateDeltas, reflagged } of commits) {
    const first = traces.get(trace.traceId);
    traces.set(trace.traceId, {
      trace_id: trace.traceId,
      expected: first ? first.expected : expectedTraceRevision,
      revision: trace.revision,
      day: trace.day,
      category: trace.category,
      channel: trace.channel,
      queue: trace.queue,
      state: trace,
    });
    for (const { id, flags } of reflagged ?? []) {
      const earlier = outcomes.get(id);
      if (earlier?.traceId === trace.traceId) outcomes.set(id, { ...earlier, flags: [...flags] });
      else reflags.set(id, { trace_id: trace.traceId, id, flags: [...flags] });
    }
    outcomes.set(outcome.id, outcome);
    for (const delta of aggregateDeltas) {
      const bucket = [trace.traceId, delta.day, delta.category, delta.channel, delta.queue];
      const id = JSON.stringify(bucket);
      const row = deltas.get(id) ?? {
        trace_id: trace.traceId,
        day: delta.day,
        category: delta.category,
        channel: delta.channel,
        queue: delta.queue,
      };
      deltas.set(id, row);
      for (const name of counterNames) {
        const change = delta.counters[name];
        if (!change) continue;
        const column = aggregateColumns[name];
        row[column] = ((row[column] as number | undefined) ?? 0) + change;
        changed.add(column);
      }
      for (const { dimension, key, counters } of delta.breakdowns ?? []) {
        const keyId = JSON.stringify([...bucket, dimension, key]);
        const entry = keyed.get(keyId) ?? {
          ...deltas.get(id),
          ...Object.fromEntries(keyedColumns.map((column) => [column, 0])),
          dimension,
          key,
        };
        keyed.set(keyId, entry);
        for (const name of breakdownCounterNames) {
          const column = breakdownColumns[name];
          entry[column] = (entry[column] as number) + (counters[name] ?? 0);
        }
      }
    }
  }
  return {
    traces: [...traces.values()],
    outcomes: [...outcomes.values()].map(outcomeRow),
    reflags: [...reflags.values()],
    deltas: [...deltas.values()],
    keyed: [...keyed.values()],
    // In the fixed order of the columns.
    counterColumns: counterNames
      .map((name) => aggregateColumns[name])
      .filter((c) => changed.has(c)),
  };
}
