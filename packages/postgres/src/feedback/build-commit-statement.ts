import type { OutcomeCommit, OutcomeEvent } from '@guardloop/feedback';
import { type CommitRows, commitRows, keyedColumns } from './commit-rows';
import type { FeedbackTables } from './feedback-tables';

type Tables = Pick<FeedbackTables, 'outcomes' | 'traces' | 'aggregates' | 'breakdowns'>;

/** The parts a batch needs: the text of the statement depends on nothing else. */
interface CommitShape {
  existing: boolean;
  created: boolean;
  reflags: boolean;
  keyed: boolean;
  counterColumns: readonly string[];
}

const bigints = (columns: readonly string[]) => columns.map((column) => `${column} bigint`);
const additions = (alias: string, columns: readonly string[]) =>
  columns.map((column) => `${column} = ${alias}.${column} + EXCLUDED.${column}`);
// The columns of a trace row and of an outcome row are read from its state and its event: each
// document is sent once, and the columns cannot disagree with it.
const traceColumns = (state: string) =>
  `revision = (${state}->>'revision')::integer, day = (${state}->>'day')::bigint,
   category = ${state}->>'category', channel = ${state}->>'channel', queue = ${state}->>'queue',
   state = ${state}`;

/**
 * The text of the statement for one shape of batch (see `buildCommitStatement`). In order of
 * the locks it takes: the outcomes already stored block their trace; each trace's row is locked
 * in trace id order when its revision is the expected one (a new trace is inserted, ON CONFLICT
 * DO NOTHING); only the traces written (`won`) get their outcomes inserted (in commit order, so
 * sequences follow it), their re-fold flags and their aggregate and breakdown deltas added
 * (summed per row, in row order). Parameters: traces, outcomes, then reflags, deltas and
 * breakdown deltas when the shape has them.
 */
function statementText(
  { outcomes, traces, aggregates, breakdowns }: Tables,
  shape: CommitShape,
): string {
  let count = 2;
  const param = () => `$${++count}::jsonb`;
  const parts: string[] = [
    `input_traces AS (
      SELECT input.expected, input.state, input.state->>'traceId' AS trace_id
      FROM jsonb_to_recordset($1::jsonb) AS input(expected integer, state jsonb)
    )`,
    `input_outcomes AS (
      SELECT input.ord, input.event, input.event->>'id' AS id, input.event->>'traceId' AS trace_id
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS input(event, ord)
    )`,
    `duplicates AS (
      SELECT stored.id, stored.sequence, stored.event, input.trace_id
      FROM input_outcomes input JOIN ${outcomes} stored ON stored.id = input.id
    )`,
  ];
  const won: string[] = [];
  if (shape.existing) {
    parts.push(
      `locked AS (
        SELECT stored.trace_id FROM ${traces} stored
        JOIN input_traces input
          ON input.trace_id = stored.trace_id AND stored.revision = input.expected
        WHERE input.trace_id NOT IN (SELECT trace_id FROM duplicates)
        ORDER BY stored.trace_id FOR UPDATE OF stored
      )`,
      `updated AS (
        UPDATE ${traces} stored SET ${traceColumns('input.state')}
        FROM input_traces input
        WHERE stored.trace_id = input.trace_id AND stored.trace_id IN (SELECT trace_id FROM locked)
        RETURNING stored.trace_id
      )`,
    );
    won.push('SELECT trace_id FROM updated');
  }
  if (shape.created) {
    parts.push(`created AS (
      INSERT INTO ${traces} (trace_id, revision, day, category, channel, queue, state)
      SELECT trace_id, (state->>'revision')::integer, (state->>'day')::bigint,
        state->>'category', state->>'channel', state->>'queue', state
      FROM input_traces
      WHERE expected IS NULL AND trace_id NOT IN (SELECT trace_id FROM duplicates)
      ORDER BY trace_id
      ON CONFLICT (trace_id) DO NOTHING
      RETURNING trace_id, sequence
    )`);
    won.push('SELECT trace_id FROM created');
  }
  parts.push(
    `won AS (${won.join(' UNION ALL ')})`,
    `inserted AS (
      INSERT INTO ${outcomes} (id, trace_id, ticket_id, type, at, category, channel, queue, flags, event)
      SELECT id, trace_id, event->>'ticketId', event->>'type', (event->>'at')::bigint,
        event->>'category', event->>'channel', event->>'queue',
        CASE WHEN event->'flags' = '[]'::jsonb THEN '{}'::text[]
          ELSE ARRAY(SELECT jsonb_array_elements_text(event->'flags')) END, event
      FROM input_outcomes WHERE trace_id IN (SELECT trace_id FROM won)
      ORDER BY ord
      RETURNING id, sequence
    )`,
  );
  if (shape.reflags) {
    parts.push(`reflagged AS (
      UPDATE ${outcomes} stored
      SET flags = change.flags, event = jsonb_set(stored.event, '{flags}', to_jsonb(change.flags))
      FROM jsonb_to_recordset(${param()}) AS change(trace_id text, id text, flags text[])
      WHERE stored.id = change.id AND stored.trace_id = change.trace_id
        AND change.trace_id IN (SELECT trace_id FROM won)
    )`);
  }
  const columns = shape.counterColumns;
  if (columns.length > 0) {
    parts.push(`added AS (
      INSERT INTO ${aggregates} AS aggregate (day, category, channel, queue, ${columns.join(', ')})
      SELECT day, category, channel, queue, ${columns.map((column) => `coalesce(sum(${column}), 0)`).join(', ')}
      FROM jsonb_to_recordset(${param()}) AS delta(trace_id text, day bigint,
        category text, channel text, queue text, ${bigints(columns).join(', ')})
      WHERE trace_id IN (SELECT trace_id FROM won)
      GROUP BY day, category, channel, queue
      ORDER BY day, category, channel, queue
      ON CONFLICT (day, category, channel, queue) DO UPDATE SET ${additions('aggregate', columns).join(', ')}
    )`);
  }
  if (shape.keyed) {
    parts.push(`keyed AS (
      INSERT INTO ${breakdowns} AS breakdown (day, category, channel, queue, dimension, key, ${keyedColumns.join(', ')})
      SELECT day, category, channel, queue, dimension, key, ${keyedColumns.map((column) => `sum(${column})`).join(', ')}
      FROM jsonb_to_recordset(${param()}) AS delta(trace_id text, day bigint,
        category text, channel text, queue text, dimension text, key text, ${bigints(keyedColumns).join(', ')})
      WHERE trace_id IN (SELECT trace_id FROM won)
      GROUP BY day, category, channel, queue, dimension, key
      ORDER BY day, category, channel, queue, dimension, key
      ON CONFLICT (day, category, channel, queue, dimension, key) DO UPDATE SET ${additions('breakdown', keyedColumns).join(', ')}
    )`);
  }
  // One row whatever the batch: the sequences of the outcomes inserted (in commit order), the
  // traces not written, the outcomes already stored, and the largest sequence of a new trace. A row per outcome would cost more to
  // send and decode than the rest of the statement.
  return `WITH ${parts.join(',\n')}
    SELECT (SELECT json_agg(sequence ORDER BY sequence) FROM inserted) AS sequences,
      CASE WHEN (SELECT count(*) FROM won) < (SELECT count(*) FROM input_traces)
        THEN (SELECT json_agg(trace_id) FROM input_traces
          WHERE trace_id NOT IN (SELECT trace_id FROM won)) END AS lost,
      (SELECT json_agg(json_build_array(id, sequence, event)) FROM duplicates) AS duplicates,
      ${shape.created ? '(SELECT max(sequence) FROM created)' : 'NULL::bigint'} AS trace_sequence`;
}

/** A statement of `buildCommitStatement`; `shape` names its text (one per shape of batch). */
export interface CommitStatement {
  shape: string;
  text: string;
  params: string[];
  /** The outcomes it inserts when their traces are written, in the order of their sequences. */
  outcomes: readonly OutcomeEvent[];
}

/** Statement texts are kept per shape and size class; a batch has one of few shapes. */
const maxShapes = 64;

/**
 * The size class of a table whose largest sequence is `sequence` (about its row count): 0 up to
 * 1024 rows, then one more each time it doubles.
 */
export const sizeClassOf = (sequence: number): number =>
  sequence < 1024 ? 0 : Math.floor(Math.log2(sequence)) - 9;

/**
 * The one statement of `commitOutcomes` (and so of `commitOutcome`) for `tables`: every input
 * travels as jsonb; parts with nothing to do (no existing trace, no new one, no re-fold, no
 * breakdown) and aggregate columns no delta changes are left out, which keeps planning short.
 * Under READ COMMITTED a concurrent writer of the same trace makes the row lock wait and the
 * revision re-check fail: nothing of that trace is written. An id inserted meanwhile for
 * another trace fails the statement whole (23505), and nothing at all is written.
 */
export function commitStatements(tables: Tables) {
  const texts = new Map<string, string>();
  return function buildCommitStatement(
    commits: readonly OutcomeCommit[],
    sizeClass = '0',
  ): CommitStatement {
    const rows: CommitRows = commitRows(commits);
    const shape: CommitShape = {
      existing: rows.traces.some((trace) => trace.expected !== null),
      created: rows.traces.some((trace) => trace.expected === null),
      reflags: rows.reflags.length > 0,
      keyed: rows.keyed.length > 0,
      counterColumns: rows.counterColumns,
    };
    const key = `${sizeClass} ${+shape.existing}${+shape.created}${+shape.reflags}${+shape.keyed} ${shape.counterColumns.join(' ')}`;
    let text = texts.get(key);
    if (text === undefined) {
      if (texts.size >= maxShapes) texts.clear();
      // The size class is part of the text, so a prepared statement is planned again (as a new
      // one) each time the outcomes or the traces table has doubled: its lookups may change from
      // a scan to an index as they grow, and PGlite never re-plans a prepared statement itself.
      text = `-- guardloop feedback commit, size class ${sizeClass}\n${statementText(tables, shape)}`;
      texts.set(key, text);
    }
    const params = [JSON.stringify(rows.traces), JSON.stringify(rows.outcomes)];
    if (shape.reflags) params.push(JSON.stringify(rows.reflags));
    if (shape.counterColumns.length > 0) params.push(JSON.stringify(rows.deltas));
    if (shape.keyed) params.push(JSON.stringify(rows.keyed));
    return { shape: key, text, params, outcomes: rows.outcomes };
  };
}
