import type { OutcomeEvent, OutcomeQuery, Page, StoredOutcome } from '@guardloop/feedback';
import { decodePageCursor, encodePageCursor, pageLimit } from '@guardloop/feedback/internal';
import type { SqlClient } from '../client/sql-client';
import { keysetPage } from './page-cursors';
import { sqlConditions } from './sql-conditions';

interface OutcomeRow {
  sequence: unknown;
  event: OutcomeEvent;
}

const toStored = (row: OutcomeRow): StoredOutcome => ({
  ...row.event,
  sequence: Number(row.sequence),
});

/**
 * The outcome log: the event as jsonb, plus the fields queries filter on as columns (written by
 * `commitOutcomes`).
 */
export function outcomeLog(table: string) {
  const get = async (sql: SqlClient, id: string) => {
    const { rows } = await sql.query<OutcomeRow>(
      `SELECT sequence, event FROM ${table} WHERE id = $1`,
      [id],
    );
    return rows[0] && toStored(rows[0]);
  };

  return {
    get,
    async list(sql: SqlClient, query: OutcomeQuery): Promise<Page<StoredOutcome>> {
      const conditions = sqlConditions();
      conditions.add(decodePageCursor('outcomes', query)?.[0], (after) => `sequence > ${after}`);
      conditions.add(query.traceId, (traceId) => `trace_id = ${traceId}`);
      conditions.add(query.ticketId, (ticketId) => `ticket_id = ${ticketId}`);
      conditions.add(query.types && [...query.types], (types) => `type = ANY(${types}::text[])`);
      conditions.add(query.from, (from) => `at >= ${from}`);
      conditions.add(query.to, (to) => `at < ${to}`);
      conditions.segment(query.segment);
      // Spelled so that the partial index of flagged outcomes applies.
      conditions.add(query.flag, (flag) => `cardinality(flags) > 0 AND ${flag} = ANY(flags)`);
      const limit = pageLimit(query);
      const { rows } = await sql.query<OutcomeRow>(
        `SELECT sequence, event FROM ${table} ${conditions.where()}
         ORDER BY sequence LIMIT ${conditions.param(limit + 1)}`,
        conditions.params,
      );
      return keysetPage(rows, limit, toStored, (row) =>
        encodePageCursor('outcomes', query, [Number(row.sequence)]),
      );
    },
  };
}
