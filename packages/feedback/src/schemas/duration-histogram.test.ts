import { describe, expect, it } from 'vitest';
import {
  durationBucketOf,
  durationHistogramBoundsMs,
  durationHistogramSize,
  histogramQuantile,
} from './duration-histogram';
import { decideMsBucketNames } from './kpi-counters';

describe('duration histogram', () => {
  it('puts a duration in the bucket whose upper bound exceeds it', () => {
    expect(durationBucketOf(0)).toBe(0);
    expect(durationBucketOf(4_999)).toBe(0);
    expect(durationBucketOf(5_000)).toBe(1);
    expect(durationBucketOf(7 * 86_400_000 - 1)).toBe(durationHistogramBoundsMs.length - 1);
    expect(durationBucketOf(30 * 86_400_000)).toBe(durationHistogramBoundsMs.length);
    expect(decideMsBucketNames).toHaveLength(durationHistogramSize);
  });

  it('interpolates quantiles inside a bucket and gives the lower bound of the open one', () => {
    const empty = Array.from({ length: durationHistogramSize }, () => 0);
    expect(histogramQuantile(empty, 0.5)).toBeNull();
    const first = [...empty];
    first[0] = 4;
    expect(histogramQuantile(first, 0.5)).toBe(2_500);
    expect(histogramQuantile(first, 0)).toBe(0);
    const last = [...empty];
    last[durationHistogramSize - 1] = 1;
    expect(histogramQuantile(last, 0.9)).toBe(7 * 86_400_000);
  });
});
