const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Upper bounds (exclusive, ms) of the buckets that review times are counted in; a last bucket
 * takes everything from 7 days up. Percentiles are not additive, bucket counts are: the
 * aggregates keep counts per bucket and the KPIs estimate percentiles from them, to within one
 * bucket. A migration never changes, so these bounds must not change either.
 */
export const durationHistogramBoundsMs = [
  5 * second,
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  4 * hour,
  8 * hour,
  12 * hour,
  day,
  2 * day,
  3 * day,
  7 * day,
] as const;

/** Number of buckets: one per bound, plus the open-ended last one. */
export const durationHistogramSize = durationHistogramBoundsMs.length + 1;

/** The bucket a duration falls in. */
export function durationBucketOf(durationMs: number): number {
  const index = durationHistogramBoundsMs.findIndex((bound) => durationMs < bound);
  return index === -1 ? durationHistogramBoundsMs.length : index;
}

/**
 * The `quantile` (0..1) of the durations counted in `buckets`, or null without any: linear
 * interpolation inside the bucket holding that rank (its lower bound for the open last bucket).
 */
export function histogramQuantile(buckets: readonly number[], quantile: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return null;
  const rank = quantile * total;
  let below = 0;
  for (let index = 0; index < buckets.length; index++) {
    const count = buckets[index] ?? 0;
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : (durationHistogramBoundsMs[index - 1] ?? 0);
      const upper = durationHistogramBoundsMs[index];
      if (upper === undefined) return lower;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return null;
}
