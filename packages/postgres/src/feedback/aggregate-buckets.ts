import type { AggregateDelta, AggregateRow } from '@guardloop/feedback';
import type { SqlClient } from '../client/sql-client';
import { aggregateColumns, counterNames, rowToCounters } from './aggregate-columns';
import { buildAggregateUpsert } from './build-aggregate-upsert';
import type { FeedbackInput } from './parse-feedback-input';
import { sqlConditions } from './sql-conditions';

/** The KPI counters per (UTC day × category × channel × queue), one bigint column each. */
export function aggregateBuckets(table: string) {
  const columns = counterNames.map((name) => aggregateColumns[name]).join(', ');
  return {
    /** Adds every delta in one atomic upsert (nothing to do without deltas). */
    async add(sql: SqlClient, deltas: readonly AggregateDelta[]): Promise<void> {
      const upsert = buildAggregateUpsert(table, deltas);
      if (upsert) await sql.query(upsert.text, upsert.params);
    },
    async query(sql: SqlClient, query: FeedbackInput<'aggregateQuery'>): Promise<AggregateRow[]> {
      const conditions = sqlConditions();
      conditions.add(query.fromDay, (fromDay) => `day >= ${fromDay}`);
      conditions.add(query.toDay, (toDay) => `day < ${toDay}`);
      conditions.segment(query.segment);
      // Every trace adds `traces: 1` to its bucket, so a bucket without traces is all zeros
      // (its traces moved to another segment): left out, as the memory store does.
      conditions.always('traces <> 0');
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT day, category, channel, queue, ${columns} FROM ${table} ${conditions.where()}`,
        conditions.params,
      );
      return rows.map((row) => ({
        day: Number(row.day),
        category: String(row.category),
        channel: String(row.channel),
        queue: String(row.queue),
        counters: rowToCounters(row),
      }));
    },
  };
}
