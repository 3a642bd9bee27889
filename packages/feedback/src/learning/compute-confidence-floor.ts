import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { wilsonUpperBound } from '../statistics/proportion-statistics';

export const confidenceSampleSchema = z.object({
  confidence: z.number().min(0).max(1),
  /** true: the decision was wrong; false: right; omitted: not known yet (counts for autonomy only). */
  error: z.boolean().optional(),
});
export type ConfidenceSample = z.input<typeof confidenceSampleSchema>;

export const confidenceFloorOptionsSchema = z.object({
  /** The highest acceptable error rate of autonomous decisions, e.g. 0.05. */
  targetErrorRate: z.number().gt(0).lt(1),
  /** Labelled decisions needed at or above a floor before it can be chosen. Default 30. */
  minSamples: z.number().int().positive().default(30),
  /** `wilson` (default) holds the one-sided 95% upper bound under the target; `observed` the raw rate. */
  method: z.enum(['wilson', 'observed']).default('wilson'),
});
export type ConfidenceFloorOptions = z.input<typeof confidenceFloorOptionsSchema>;

export interface ConfidenceFloorCounts {
  /** Decisions with a confidence, labelled or not. */
  decisions: number;
  labelledSamples: number;
}

export type ConfidenceFloorResult =
  | (ConfidenceFloorCounts & {
      status: 'calibrated';
      /** Act autonomously when confidence >= floor. */
      floor: number;
      errorRate: number;
      errorRateUpperBound: number;
      /** Labelled decisions at or above the floor. */
      autonomousSamples: number;
      /** Share of all decisions that would be autonomous at this floor. */
      expectedAutonomyRate: number;
    })
  | (ConfidenceFloorCounts & { status: 'insufficient_samples'; minSamples: number })
  | (ConfidenceFloorCounts & { status: 'target_unreachable'; lowestErrorRateUpperBound: number });

/**
 * The lowest confidence floor whose autonomous decisions stay under the target error rate, with
 * at least `minSamples` labelled decisions above it. Pure; see `calibrateConfidenceFloor` for
 * samples read from a store.
 * @throws InvalidInputError (`invalid_input`) for malformed samples or options
 */
export function computeConfidenceFloor(
  samples: readonly ConfidenceSample[],
  options: ConfidenceFloorOptions,
): ConfidenceFloorResult {
  const parsed = parseInput(confidenceSampleSchema.array(), samples, 'confidence samples');
  const { targetErrorRate, minSamples, method } = parseInput(
    confidenceFloorOptionsSchema,
    options,
    'confidence floor options',
  );
  const labelled = parsed
    .filter((sample) => sample.error !== undefined)
    .sort((a, b) => b.confidence - a.confidence);
  const counts = { decisions: parsed.length, labelledSamples: labelled.length };
  if (labelled.length < minSamples)
    return { ...counts, status: 'insufficient_samples', minSamples };

  let best: { floor: number; n: number; errors: number; bound: number } | undefined;
  let lowestBound = 1;
  let n = 0;
  let errors = 0;
  for (let index = 0; index < labelled.length; index++) {
    const sample = labelled[index] as (typeof labelled)[number];
    n += 1;
    if (sample.error) errors += 1;
    // Only whole groups of equal confidence: a floor cannot split them.
    if (labelled[index + 1]?.confidence === sample.confidence || n < minSamples) continue;
    const bound = method === 'wilson' ? wilsonUpperBound(errors, n) : errors / n;
    lowestBound = Math.min(lowestBound, bound);
    if (bound <= targetErrorRate) best = { floor: sample.confidence, n, errors, bound };
  }
  if (!best)
    return { ...counts, status: 'target_unreachable', lowestErrorRateUpperBound: lowestBound };
  const floor = best.floor;
  return {
    ...counts,
    status: 'calibrated',
    floor,
    errorRate: best.errors / best.n,
    errorRateUpperBound: best.bound,
    autonomousSamples: best.n,
    expectedAutonomyRate:
      parsed.filter((sample) => sample.confidence >= floor).length / parsed.length,
  };
}
