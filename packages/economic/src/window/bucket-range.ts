/** Start of the bucket of size `bucketMs` that contains `at` (buckets are aligned on the epoch). */
export function bucketStartOf(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}

export interface BucketRange {
  /** Bucket that `at` falls in: where new amounts are added. */
  bucketStart: number;
  /** Inclusive start of the range, a bucket start. */
  from: number;
  /** Exclusive end of the range: the end of the current bucket. */
  to: number;
}

/**
 * The buckets making up the sliding window that ends at `at`: the current (partial) bucket and
 * the ones before it, `ceil(windowMs / bucketMs)` buckets in all. The window therefore reaches
 * back between `windowMs - bucketMs` and `windowMs`: a bucket's worth of approximation, which
 * burn rates (ratios) hardly feel.
 */
export function trailingRange(at: number, windowMs: number, bucketMs: number): BucketRange {
  const bucketStart = bucketStartOf(at, bucketMs);
  const count = Math.ceil(windowMs / bucketMs);
  return { bucketStart, from: bucketStart - (count - 1) * bucketMs, to: bucketStart + bucketMs };
}

/** The fixed period (a UTC day for `'1d'`, aligned on the epoch) that contains `at`. */
export function periodRange(at: number, periodMs: number): BucketRange {
  const bucketStart = bucketStartOf(at, periodMs);
  return { bucketStart, from: bucketStart, to: bucketStart + periodMs };
}
