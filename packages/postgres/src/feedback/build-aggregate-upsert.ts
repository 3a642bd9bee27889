import type { AggregateDelta, KpiCounters } from '@guardloop/feedback';
import { aggregateColumns, counterNames } from './aggregate-columns';

type Bucket = Omit<AggregateDelta, 'counters'> & { counters: Partial<KpiCounters> };

const bucketKey = ({ day, category, channel, queue }: Bucket) =>
  JSON.stringify([day, category, channel, queue]);

const compareBuckets = (a: Bucket, b: Bucket) => {
  const [left, right] = [bucketKey(a), bucketKey(b)];
  return a.day - b.day || (left < right ? -1 : left > right ? 1 : 0);
};

/** Deltas merged per bucket (one upsert may not touch a row twice), in a fixed bucket order. */
function mergeBuckets(deltas: readonly AggregateDelta[]): Bucket[] {
  const merged = new Map<string, Bucket>();
  for (const delta of deltas) {
    const key = bucketKey(delta);
    const bucket = merged.get(key) ?? { ...delta, counters: {} };
    for (const name of counterNames) {
      const change = delta.counters[name];
      if (change !== undefined) bucket.counters[name] = (bucket.counters[name] ?? 0) + change;
    }
    merged.set(key, bucket);
  }
  return [...merged.values()].sort(compareBuckets);
}

/**
 * One `INSERT ... ON CONFLICT DO UPDATE SET x = aggregate.x + EXCLUDED.x` adding every delta:
 * atomic without a lock, and a missing bucket starts at zero. Rows are locked in bucket order,
 * so concurrent commits that touch the same two buckets cannot deadlock.
 */
export function buildAggregateUpsert(
  table: string,
  deltas: readonly AggregateDelta[],
): { text: string; params: unknown[] } | undefined {
  const buckets = mergeBuckets(deltas);
  if (buckets.length === 0) return undefined;
  const params: unknown[] = [];
  const tuples = buckets.map((bucket) => {
    const values = [bucket.day, bucket.category, bucket.channel, bucket.queue];
    for (const name of counterNames) values.push(bucket.counters[name] ?? 0);
    const placeholders = values.map((value) => `$${params.push(value)}`);
    return `(${placeholders.join(', ')})`;
  });
  const columns = counterNames.map((name) => aggregateColumns[name]);
  const additions = columns.map((column) => `${column} = aggregate.${column} + EXCLUDED.${column}`);
  return {
    text: `INSERT INTO ${table} AS aggregate (day, category, channel, queue, ${columns.join(', ')})
      VALUES ${tuples.join(', ')}
      ON CONFLICT (day, category, channel, queue) DO UPDATE SET ${additions.join(', ')}`,
    params,
  };
}
