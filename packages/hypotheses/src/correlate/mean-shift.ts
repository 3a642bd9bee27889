import type { MetricSeries } from './correlate-schema';

/** A series prepared for O(log n) range statistics: prefix sums of values and their squares. */
export interface PreparedSeries {
  series: MetricSeries;
  times: Float64Array;
  sums: Float64Array;
  squares: Float64Array;
  /** Subtracted before summing, so that large values do not lose precision in the squares. */
  offset: number;
}

export function prepareSeries(series: MetricSeries): PreparedSeries {
  const count = series.points.length;
  const times = new Float64Array(count);
  const sums = new Float64Array(count + 1);
  const squares = new Float64Array(count + 1);
  const offset = series.points[0]?.value ?? 0;
  series.points.forEach((point, index) => {
    const value = point.value - offset;
    times[index] = point.at;
    sums[index + 1] = (sums[index] ?? 0) + value;
    squares[index + 1] = (squares[index] ?? 0) + value * value;
  });
  return { series, times, sums, squares, offset };
}

export interface MeanShift {
  metric: string;
  /** Time of the first point after the shift (epoch ms). */
  at: number;
  before: { mean: number; count: number };
  after: { mean: number; count: number };
  /** Welch's statistic: the difference of the means in standard errors (capped at ±1e6). */
  z: number;
}

/**
 * The series' most likely change point: over every split whose first "after" point lies in
 * `[start, end]`, Welch's z = (mean after - mean before) / sqrt(var before / n before + var
 * after / n after) of the points in `[from, split)` against `[split, end]`; the split with the
 * largest |z| wins (the first step of binary segmentation). Each side needs `minPoints` points.
 * O(points) with the prefix sums; undefined when no split has enough points.
 */
export function changePoint(
  prepared: PreparedSeries,
  { from, start, end, minPoints }: { from: number; start: number; end: number; minPoints: number },
): MeanShift | undefined {
  const first = lowerBound(prepared.times, from);
  const stop = lowerBound(prepared.times, end + 1);
  const lowest = Math.max(lowerBound(prepared.times, start), first + minPoints);
  const highest = stop - minPoints;
  let best: MeanShift | undefined;
  for (let split = lowest; split <= highest; split++) {
    const before = range(prepared, first, split);
    const after = range(prepared, split, stop);
    const variance = before.variance / before.count + after.variance / after.count;
    const difference = after.mean - before.mean;
    // Flat on both sides: any difference is a clear shift; cap instead of dividing by 0.
    const raw =
      variance > 0
        ? difference / Math.sqrt(variance)
        : difference === 0
          ? 0
          : Math.sign(difference) * 1e6;
    const z = Math.max(-1e6, Math.min(1e6, raw));
    if (best && Math.abs(z) <= Math.abs(best.z)) continue;
    best = {
      metric: prepared.series.name,
      at: prepared.times[split] ?? 0,
      before: { mean: before.mean + prepared.offset, count: before.count },
      after: { mean: after.mean + prepared.offset, count: after.count },
      z,
    };
  }
  return best;
}

function range(prepared: PreparedSeries, from: number, to: number) {
  const count = to - from;
  if (count <= 0) return { count: 0, mean: 0, variance: 0 };
  const sum = (prepared.sums[to] ?? 0) - (prepared.sums[from] ?? 0);
  const square = (prepared.squares[to] ?? 0) - (prepared.squares[from] ?? 0);
  const mean = sum / count;
  // Sample variance; rounding can make it slightly negative on flat data.
  const variance = count > 1 ? Math.max(0, (square - count * mean * mean) / (count - 1)) : 0;
  return { count, mean, variance };
}

/** First index whose time is >= `at`. */
function lowerBound(times: Float64Array, at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}
