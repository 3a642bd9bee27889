import { parseInput } from '@guardloop/core';
import { storableTextSchema } from '@guardloop/core/internal';
import { z } from 'zod';

const category = storableTextSchema({ label: 'Category', maxBytes: 512 });
const count = z.int().nonnegative();

export const volumeAnomalyInputSchema = z.strictObject({
  /** Signal counts per category in the window being checked. */
  counts: z.record(category, count),
  /** Start of that window (epoch ms); its UTC weekday and hour pick the seasonal baseline. */
  windowStart: z.int().nonnegative(),
  /** Past windows of the same length: counts per category, each with its start. */
  baseline: z
    .array(
      z.strictObject({ windowStart: z.int().nonnegative(), counts: z.record(category, count) }),
    )
    .max(100_000),
  /**
   * Which past windows are comparable: `weekday_hour` (same UTC weekday and hour, default),
   * `hour` (same UTC hour) or `all`.
   */
  season: z.enum(['weekday_hour', 'hour', 'all']).default('weekday_hour'),
  /** One-sided Poisson p-value below which a count is a spike. Default 0.001. */
  alpha: z.number().gt(0).lt(1).default(0.001),
  /** Fewest comparable past windows a category needs to be judged. Default 3. */
  minSamples: z.int().min(1).default(3),
  /** Smallest count that can be a spike (a jump from 0 to 2 is not a problem). Default 5. */
  minCount: z.int().min(1).default(5),
  /** Smallest observed / expected ratio that can be a spike. Default 2. */
  minRatio: z.number().min(1).default(2),
});
export type VolumeAnomalyInput = z.input<typeof volumeAnomalyInputSchema>;

/** A category whose volume spiked: a candidate for a problem record (not yet one). */
export interface VolumeProblemCandidate {
  kind: 'volume_spike';
  category: string;
  windowStart: number;
  observed: number;
  /** Mean count of the comparable past windows (the Poisson rate). */
  expected: number;
  ratio: number;
  /** (observed - expected) / sqrt(expected): for display; the decision uses `pValue`. */
  zScore: number;
  /** P(X >= observed) for X ~ Poisson(expected). */
  pValue: number;
  baselineSamples: number;
  description: string;
}

export interface VolumeAnomalyResult {
  candidates: VolumeProblemCandidate[];
  /** Categories not judged, with why (`insufficient_baseline`). */
  skipped: Array<{ category: string; reason: 'insufficient_baseline'; baselineSamples: number }>;
}

// ln(n!): exact below 20, Stirling's series above (error < 1e-10), so huge counts stay cheap.
function logFactorial(n: number): number {
  if (n < 20) {
    let sum = 0;
    for (let i = 2; i <= n; i += 1) sum += Math.log(i);
    return sum;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

// P(X >= k) for X ~ Poisson(lambda) with k >= 2 lambda, summed upwards from k: the terms
// shrink at least geometrically (ratio <= 1/2) and tiny tails stay exact instead of 1 - 0.9999.
function poissonUpperTail(k: number, lambda: number): number {
  let term = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
  let sum = 0;
  for (let i = k; term > sum * 1e-17 && i < k + 10_000; i += 1) {
    sum += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, sum);
}

const seasonLabels = {
  weekday_hour: 'the same weekday and hour',
  hour: 'the same hour',
  all: 'past windows',
} as const;

function seasonKey(season: 'weekday_hour' | 'hour' | 'all', windowStart: number): string {
  if (season === 'all') return '';
  const date = new Date(windowStart);
  return season === 'hour' ? `${date.getUTCHours()}` : `${date.getUTCDay()}:${date.getUTCHours()}`;
}

/**
 * Finds categories whose signal volume spiked against their seasonal baseline. The comparable
 * past windows (same weekday and hour by default, so Monday mornings are compared with Monday
 * mornings) give a rate `expected` (their mean, with a floor of 0.5 so that a category that is
 * usually silent still has a finite rate); the window's count is a spike when the one-sided
 * Poisson test `P(X >= observed)` is below `alpha` AND the count reaches `minCount` and
 * `minRatio` times the rate. Pure: the same input always gives the same candidates, in order
 * of p-value (then category).
 */
export function detectVolumeAnomalies(input: VolumeAnomalyInput): VolumeAnomalyResult {
  const options = parseInput(volumeAnomalyInputSchema, input, 'volume anomaly input');
  const key = seasonKey(options.season, options.windowStart);
  const comparable = options.baseline.filter(
    (window) =>
      window.windowStart < options.windowStart &&
      seasonKey(options.season, window.windowStart) === key,
  );
  const candidates: VolumeProblemCandidate[] = [];
  const skipped: VolumeAnomalyResult['skipped'] = [];
  for (const name of Object.keys(options.counts).sort()) {
    const observed = options.counts[name] ?? 0;
    const samples = comparable.length;
    if (samples < options.minSamples) {
      skipped.push({ category: name, reason: 'insufficient_baseline', baselineSamples: samples });
      continue;
    }
    let total = 0;
    for (const window of comparable) total += window.counts[name] ?? 0;
    const expected = Math.max(total / samples, 0.5);
    const ratio = observed / expected;
    if (observed < options.minCount || ratio < options.minRatio) continue;
    const pValue = poissonUpperTail(observed, expected);
    if (pValue >= options.alpha) continue;
    const zScore = (observed - expected) / Math.sqrt(expected);
    candidates.push({
      kind: 'volume_spike',
      category: name,
      windowStart: options.windowStart,
      observed,
      expected,
      ratio,
      zScore,
      pValue,
      baselineSamples: samples,
      description: `${observed} '${name}' signals against ${expected.toFixed(1)} expected (${ratio.toFixed(1)}x, p=${pValue.toExponential(1)}) over ${seasonLabels[options.season]}.`,
    });
  }
  candidates.sort((a, b) => a.pValue - b.pValue || (a.category < b.category ? -1 : 1));
  return { candidates, skipped };
}
