import {
  decodePageCursor,
  encodePageCursor,
  type OutcomeEvent,
  type OutcomeReflag,
  type Page,
  pageLimit,
  type StoredOutcome,
} from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import { keysetPage } from './page-cursors';
import type { FeedbackInput } from './parse-feedback-input';
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
 * The outcome log: the event as jsonb, plus the fields queries filter on as columns. Functions
 * take the client so that `commitOutcome` can run them inside its transaction.
 */
export function outcomeLog(table: string) {
  const insertSql = `INSERT INTO ${table}
      (id, trace_id, ticket_id, type, at, category, channel, queue, flags, event)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING sequence`;
  // Only outcomes of the commit's trace: the trace's row lock, held by then, covers them.
  const reflagSql = `UPDATE ${table} AS stored
    SET flags = change.flags, event = jsonb_set(stored.event, '{flags}', to_jsonb(change.flags))
    FROM jsonb_to_recordset($2::jsonb) AS change(id text, flags text[])
    WHERE stored.id = change.id AND stored.trace_id = $1`;
  const get = async (sql: SqlClient, id: string) => {
    const { rows } = await sql.query<OutcomeRow>(
      `SELECT sequence, event FROM ${table} WHERE id = $1`,
      [id],
    );
    return rows[0] && toStored(rows[0]);
  };

  return {
    get,
    /** The new row's sequence, or `undefined` when an outcome with this id exists. */
    async insert(sql: SqlClient, outcome: OutcomeEvent): Promise<number | undefined> {
      const { rows } = await sql.query<{ sequence: unknown }>(insertSql, [
        outcome.id,
        outcome.traceId,
        outcome.ticketId ?? null,
        outcome.type,
        outcome.at,
        outcome.category,
        outcome.channel,
        outcome.queue,
        outcome.flags,
        JSON.stringify(outcome),
      ]);
      return rows[0] && Number(rows[0].sequence);
    },
    /** Rewrites the flags of outcomes of `traceId` that a re-fold changed. */
    async reflag(
      sql: SqlClient,
      traceId: string,
      reflagged: readonly OutcomeReflag[] | undefined,
    ): Promise<void> {
      if (reflagged && reflagged.length > 0) {
        await sql.query(reflagSql, [traceId, JSON.stringify(reflagged)]);
      }
    },
    async list(sql: SqlClient, query: FeedbackInput<'outcomeQuery'>): Promise<Page<StoredOutcome>> {
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
