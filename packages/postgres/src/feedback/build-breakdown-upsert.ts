import type { AggregateDelta, BreakdownCounterName } from '@guardloop/feedback';
import { breakdownCounterNames } from '@guardloop/feedback/internal';

/** Breakdown counter -> bigint column of the breakdowns table (migration 0007). */
export const breakdownColumns = {
  reviews: 'reviews',
  approved: 'approved',
  approvedWithEdits: 'approved_with_edits',
  rejected: 'rejected',
  slaBreached: 'sla_breached',
} as const satisfies Record<BreakdownCounterName, string>;

type Row = [
  day: number,
  category: string,
  channel: string,
  queue: string,
  dimension: string,
  key: string,
];

const compareKeys = (a: Row, b: Row) => {
  const [left, right] = [JSON.stringify(a.slice(1)), JSON.stringify(b.slice(1))];
  return a[0] - b[0] || (left < right ? -1 : left > right ? 1 : 0);
};

/**
 * One `INSERT ... ON CONFLICT DO UPDATE SET x = breakdown.x + EXCLUDED.x` adding the per-key
 * deltas of every bucket, merged per row (one upsert may not touch a row twice) and in a fixed
 * row order, so that concurrent commits lock rows in the same order and cannot deadlock.
 */
export function buildBreakdownUpsert(
  table: string,
  deltas: readonly AggregateDelta[],
): { text: string; params: unknown[] } | undefined {
  const merged = new Map<string, { key: Row; counters: Record<BreakdownCounterName, number> }>();
  for (const delta of deltas) {
    for (const breakdown of delta.breakdowns ?? []) {
      const key: Row = [
        delta.day,
        delta.category,
        delta.channel,
        delta.queue,
        breakdown.dimension,
        breakdown.key,
      ];
      const id = JSON.stringify(key);
      const entry = merged.get(id) ?? {
        key,
        counters: { reviews: 0, approved: 0, approvedWithEdits: 0, rejected: 0, slaBreached: 0 },
      };
      for (const name of breakdownCounterNames)
        entry.counters[name] += breakdown.counters[name] ?? 0;
      merged.set(id, entry);
    }
  }
  if (merged.size === 0) return undefined;
  const params: unknown[] = [];
  const tuples = [...merged.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, counters }) => {
      const values = [...key, ...breakdownCounterNames.map((name) => counters[name])];
      return `(${values.map((value) => `$${params.push(value)}`).join(', ')})`;
    });
  const columns = breakdownCounterNames.map((name) => breakdownColumns[name]);
  const additions = columns.map((column) => `${column} = breakdown.${column} + EXCLUDED.${column}`);
  return {
    text: `INSERT INTO ${table} AS breakdown (day, category, channel, queue, dimension, key, ${columns.join(', ')})
      VALUES ${tuples.join(', ')}
      ON CONFLICT (day, category, channel, queue, dimension, key) DO UPDATE SET ${additions.join(', ')}`,
    params,
  };
}
