import {
  decodePageCursor,
  encodePageCursor,
  type Page,
  pageLimit,
  type TraceState,
} from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import { keysetPage } from './page-cursors';
import type { FeedbackInput } from './parse-feedback-input';
import { sqlConditions } from './sql-conditions';

interface TraceRow {
  sequence: unknown;
  state: TraceState;
}

/**
 * One row per trace: the state as jsonb, its revision for compare-and-set, and the day and
 * segment that listings filter on. `sequence` is taken when the trace is first written, so
 * listings keep the memory store's first-written order and page by keyset.
 */
export function traceStates(table: string) {
  const insertSql = `INSERT INTO ${table} (trace_id, revision, day, category, channel, queue, state)
    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
    ON CONFLICT (trace_id) DO NOTHING`;
  const updateSql = `UPDATE ${table}
    SET revision = $2, day = $3, category = $4, channel = $5, queue = $6, state = $7::jsonb
    WHERE trace_id = $1 AND revision = $8`;

  return {
    /**
     * Writes `trace` if the stored revision is `expectedRevision` (`null`: no row yet). False
     * when another writer got there first; a concurrent writer's row lock makes this one wait
     * and then re-check the revision, so exactly one of them succeeds.
     */
    async write(
      sql: SqlClient,
      trace: TraceState,
      expectedRevision: number | null,
    ): Promise<boolean> {
      const values = [
        trace.traceId,
        trace.revision,
        trace.day,
        trace.category,
        trace.channel,
        trace.queue,
        JSON.stringify(trace),
      ];
      const { rowCount } =
        expectedRevision === null
          ? await sql.query(insertSql, values)
          : await sql.query(updateSql, [...values, expectedRevision]);
      return rowCount === 1;
    },
    async get(sql: SqlClient, traceId: string): Promise<TraceState | undefined> {
      const { rows } = await sql.query<TraceRow>(`SELECT state FROM ${table} WHERE trace_id = $1`, [
        traceId,
      ]);
      return rows[0]?.state;
    },
    async list(sql: SqlClient, query: FeedbackInput<'traceQuery'>): Promise<Page<TraceState>> {
      const conditions = sqlConditions();
      conditions.add(decodePageCursor('traces', query)?.[0], (after) => `sequence > ${after}`);
      conditions.add(query.fromDay, (fromDay) => `day >= ${fromDay}`);
      conditions.add(query.toDay, (toDay) => `day < ${toDay}`);
      conditions.segment(query.segment);
      const limit = pageLimit(query);
      const { rows } = await sql.query<TraceRow>(
        `SELECT sequence, state FROM ${table} ${conditions.where()}
         ORDER BY sequence LIMIT ${conditions.param(limit + 1)}`,
        conditions.params,
      );
      return keysetPage(
        rows,
        limit,
        (row) => row.state,
        (row) => encodePageCursor('traces', query, [Number(row.sequence)]),
      );
    },
  };
}
