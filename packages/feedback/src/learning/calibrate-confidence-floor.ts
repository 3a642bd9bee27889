import { parseInput } from '@guardloop/core';
import { abortOptionsSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import { feedbackStoreSchema } from '../schemas/dependency-schemas';
import { segmentFilterSchema } from '../schemas/segment';
import { dayBounds, timeRangeSchema } from '../schemas/time-range';
import type { TraceState } from '../schemas/trace-state';
import { readAllPages } from '../store/page';
import {
  type ConfidenceFloorResult,
  type ConfidenceSample,
  computeConfidenceFloor,
  confidenceFloorOptionsSchema,
} from './compute-confidence-floor';

export const calibrationErrorKinds = ['overridden', 'reopened', 'escalated'] as const;
export type CalibrationErrorKind = (typeof calibrationErrorKinds)[number];

const optionsSchema = confidenceFloorOptionsSchema.extend({
  store: feedbackStoreSchema,
  /** Traces that started in this range; default all. */
  range: timeRangeSchema.optional(),
  segment: segmentFilterSchema.optional(),
  /**
   * What makes a decision wrong. Default: overridden by a human (an `override`, or a
   * `human_decision` of `approved_with_edits` or `rejected`), or reopened.
   */
  errorWhen: z.array(z.enum(calibrationErrorKinds)).min(1).default(['overridden', 'reopened']),
});

export type CalibrateConfidenceFloorOptions = z.input<typeof optionsSchema> & {
  abortSignal?: AbortSignal | undefined;
};

/**
 * A trace with an AI confidence becomes a sample: wrong per `errorWhen`, right once resolved
 * or once a reviewer `approved` its escalated proposal (the AI was right).
 */
export function confidenceSampleOf(
  trace: TraceState,
  errorWhen: readonly CalibrationErrorKind[],
): ConfidenceSample | undefined {
  if (trace.confidence === undefined || !(trace.decided || trace.overridden)) return undefined;
  const wrong =
    (errorWhen.includes('overridden') && trace.overridden) ||
    (errorWhen.includes('reopened') && trace.reopens > 0) ||
    (errorWhen.includes('escalated') && trace.escalated);
  if (wrong) return { confidence: trace.confidence, error: true };
  const approved = trace.humanReviews?.some((review) => review.decision === 'approved') ?? false;
  return trace.resolutions > 0 || approved
    ? { confidence: trace.confidence, error: false }
    : { confidence: trace.confidence };
}

/**
 * Calibrates the confidence floor from recorded decisions and their outcomes (overrides, reopens,
 * reviewers' decisions on escalations).
 * A batch job: it pages through the trace states of the range.
 * @throws InvalidInputError (`invalid_input`) for bad options; the abort reason when aborted
 */
export async function calibrateConfidenceFloor(
  options: CalibrateConfidenceFloorOptions,
): Promise<ConfidenceFloorResult> {
  const { abortSignal } = parseInput(abortOptionsSchema, options, 'calibration options') ?? {};
  const { store, range, segment, errorWhen, ...floorOptions } = parseInput(
    optionsSchema,
    options,
    'calibration options',
  );
  const traces = await readAllPages((cursor) =>
    store.listTraces(
      {
        ...(range ? dayBounds(range) : {}),
        ...(segment ? { segment } : {}),
        ...(cursor === undefined ? {} : { cursor }),
        limit: 1000,
      },
      { abortSignal },
    ),
  );
  const samples = traces.flatMap((trace) => confidenceSampleOf(trace, errorWhen) ?? []);
  return computeConfidenceFloor(samples, floorOptions);
}
