import type { Page, TraceQuery, TraceState } from '@guardloop/feedback';
import { decodePageCursor, encodePageCursor, pageLimit } from '@guardloop/feedback/internal';
import type { SqlClient } from '../client/sql-client';
import { keysetPage } from './page-cursors';
import { sqlConditions } from './sql-conditions';

interface TraceRow {
  sequence: unknown;
  state: TraceState;
}

/**
 * One row per trace: the state as jsonb, its revision for compare-and-set (written by
 * `commitOutcomes`), and the day and segment that listings filter on. `sequence` is taken when the trace is first written, so
 * listings keep the memory store's first-written order and page by keyset.
 */
export function traceStates(table: string) {
  return {
    async get(sql: SqlClient, traceId: string): Promise<TraceState | undefined> {
      const { rows } = await sql.query<TraceRow>(`SELECT state FROM ${table} WHERE trace_id = $1`, [
        traceId,
      ]);
      return rows[0]?.state;
    },
    /** One entry per id, in order; `undefined` for a trace not stored. */
    async getMany(
      sql: SqlClient,
      traceIds: readonly string[],
    ): Promise<(TraceState | undefined)[]> {
      if (traceIds.length === 0) return [];
      const { rows } = await sql.query<TraceRow>(
        `SELECT state FROM ${table} WHERE trace_id = ANY($1::text[])`,
        [[...new Set(traceIds)]],
      );
      const byId = new Map(rows.map((row) => [row.state.traceId, row.state]));
      return traceIds.map((traceId) => byId.get(traceId));
    },
    async list(sql: SqlClient, query: TraceQuery): Promise<Page<TraceState>> {
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
