import type {
  AggregateQuery,
  AggregateRow,
  BreakdownDimension,
  BreakdownRow,
} from '@guardloop/feedback';
import { breakdownCounterNames } from '@guardloop/feedback/internal';
import type { SqlClient } from '../client/sql-client';
import { aggregateColumns, counterNames, rowToCounters } from './aggregate-columns';
import { breakdownColumns } from './breakdown-columns';
import { sqlConditions } from './sql-conditions';

const bucketId = (row: Record<string, unknown>) =>
  JSON.stringify([Number(row.day), String(row.category), String(row.channel), String(row.queue)]);

/**
 * The KPI counters per (UTC day × category × channel × queue), one bigint column each, and the
 * per-rail and per-action human review counters of each bucket in `breakdownTable`.
 */
export function aggregateBuckets(table: string, breakdownTable: string) {
  const columns = counterNames.map((name) => aggregateColumns[name]).join(', ');
  const keyedColumns = breakdownCounterNames.map((name) => breakdownColumns[name]);

  /** The non-zero per-key counters of the buckets the same filters select, by bucket. */
  const breakdownsOf = async (
    sql: SqlClient,
    query: AggregateQuery,
  ): Promise<Map<string, BreakdownRow[]>> => {
    const conditions = sqlConditions();
    conditions.add(query.fromDay, (fromDay) => `day >= ${fromDay}`);
    conditions.add(query.toDay, (toDay) => `day < ${toDay}`);
    conditions.segment(query.segment);
    conditions.always(`(${keyedColumns.map((column) => `${column} <> 0`).join(' OR ')})`);
    const { rows } = await sql.query<Record<string, unknown>>(
      `SELECT day, category, channel, queue, dimension, key, ${keyedColumns.join(', ')}
        FROM ${breakdownTable} ${conditions.where()}`,
      conditions.params,
    );
    const byBucket = new Map<string, BreakdownRow[]>();
    for (const row of rows) {
      const id = bucketId(row);
      const counters = Object.fromEntries(
        breakdownCounterNames.map((name) => [name, Number(row[breakdownColumns[name]])]),
      ) as BreakdownRow['counters'];
      const entry = {
        dimension: row.dimension as BreakdownDimension,
        key: String(row.key),
        counters,
      };
      byBucket.set(id, [...(byBucket.get(id) ?? []), entry]);
    }
    return byBucket;
  };

  return {
    async query(sql: SqlClient, query: AggregateQuery): Promise<AggregateRow[]> {
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
      // Only buckets with human reviews, resolutions (per action / hypothesis) or ticket SLA
      // runs have per-key rows: skip the second query without any.
      const reviewed = rows.some(
        (row) =>
          Number(row.human_reviews) !== 0 ||
          Number(row.resolved) !== 0 ||
          Number(row.ticket_sla_runs) !== 0,
      );
      const breakdowns = reviewed ? await breakdownsOf(sql, query) : new Map();
      return rows.map((row) => {
        const keyed = breakdowns.get(bucketId(row));
        return {
          day: Number(row.day),
          category: String(row.category),
          channel: String(row.channel),
          queue: String(row.queue),
          counters: rowToCounters(row),
          ...(keyed ? { breakdowns: keyed } : {}),
        };
      });
    },
  };
}
