const minute = 60_000;
const hour = 3_600_000;

/** Bucket sizes SLO counters are kept in, finest first. */
export const sloBucketSizesMs = [minute, hour] as const;

/**
 * Bucket size used to measure a window: the coarsest that still splits it into at least 24
 * buckets, so that a 1h window reads 60 one-minute buckets and a 30-day window 720 one-hour
 * buckets. Reads stay cheap whatever the traffic, and the error at the window's edge stays
 * under a bucket.
 */
export function bucketMsForWindow(windowMs: number): number {
  let chosen: number = sloBucketSizesMs[0];
  for (const size of sloBucketSizesMs) if (windowMs / size >= 24) chosen = size;
  return chosen;
}
