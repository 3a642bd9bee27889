import { parseInput } from '@guardloop/core';
import {
  type CalibrateConfidenceFloorOptions,
  type CalibrationErrorKind,
  calibrateConfidenceFloor,
  calibrationErrorKinds,
  type FeedbackStore,
} from '@guardloop/feedback';
import { z } from 'zod';
import type { Cadence } from '../schedule/cadence';
import type { LearningJob } from '../schedule/create-learning-schedule';
import type { LearningJobReportInput } from '../schedule/learning-job-report';
import { callOptions, dayMs, jobBaseSchema, withMethods } from './job-options';

/** Where the floor in force lives, e.g. the semantic intent rail's `floor()` / `setFloor()`. */
export interface ConfidenceFloorTarget {
  get(): number;
  set(floor: number): void | Promise<void>;
}

export interface FloorCalibrationJobOptions {
  /** Default `floor-calibration`. */
  name?: string | undefined;
  cadence: Cadence;
  store: FeedbackStore;
  floor: ConfidenceFloorTarget;
  /** Highest acceptable error rate of autonomous decisions, e.g. 0.05. */
  targetErrorRate: number;
  minSamples?: number | undefined;
  errorWhen?: readonly CalibrationErrorKind[] | undefined;
  /** Only traces of the last N days (default: all). */
  windowDays?: number | undefined;
  /** Calibration never goes below this (the classifier's own abstention floor). Default 0. */
  minimumFloor?: number | undefined;
  /**
   * Most the floor may be LOWERED in one run: a lower floor means more autonomous decisions, so
   * a bigger drop is applied only up to this and the rest held back. Default: no limit.
   */
  maxDecrease?: number | undefined;
  /** Smaller moves are held back as noise. Default 0.01. */
  minChange?: number | undefined;
}

const unit = z.number().min(0).max(1);
const optionsSchema = jobBaseSchema.extend({
  store: withMethods<FeedbackStore>('a feedback store', 'listTraces'),
  floor: withMethods<ConfidenceFloorTarget>('a floor target', 'get', 'set'),
  targetErrorRate: z.number().gt(0).lt(1),
  minSamples: z.int().positive().optional(),
  errorWhen: z.array(z.enum(calibrationErrorKinds)).min(1).optional(),
  windowDays: z.int().positive().optional(),
  minimumFloor: unit.optional(),
  maxDecrease: unit.optional(),
  minChange: unit.optional(),
});

/**
 * Recalibrates the confidence floor from recorded outcomes (`calibrateConfidenceFloor`) and
 * applies it: raising the floor (fewer autonomous decisions) is always safe; lowering it is
 * applied up to `maxDecrease` per run. Too few labelled decisions, an unreachable target or a
 * move under `minChange` is held back with its reason.
 * @throws InvalidInputError on malformed options
 */
export function createFloorCalibrationJob(options: FloorCalibrationJobOptions): LearningJob {
  const config = parseInput(optionsSchema, options, 'floor calibration job options');
  const minimumFloor = config.minimumFloor ?? 0;
  const minChange = config.minChange ?? 0.01;
  return {
    name: config.name ?? 'floor-calibration',
    cadence: config.cadence,
    async run(context): Promise<LearningJobReportInput> {
      const calibration = await calibrateConfidenceFloor({
        store: config.store,
        targetErrorRate: config.targetErrorRate,
        ...(config.minSamples ? { minSamples: config.minSamples } : {}),
        ...(config.errorWhen ? { errorWhen: [...config.errorWhen] } : {}),
        ...(config.windowDays
          ? { range: { from: context.now - config.windowDays * dayMs, to: context.now + 1 } }
          : {}),
        ...callOptions(context),
      } satisfies CalibrateConfidenceFloorOptions);
      const before = config.floor.get();
      if (calibration.status !== 'calibrated') {
        const reason =
          calibration.status === 'insufficient_samples'
            ? `${calibration.labelledSamples} labelled decisions, ${calibration.minSamples} needed`
            : `no floor keeps the error bound under ${config.targetErrorRate} (lowest ${calibration.lowestErrorRateUpperBound.toFixed(3)})`;
        return {
          heldBack: [
            {
              kind: 'floor',
              description: `floor kept at ${before.toFixed(2)}`,
              reason,
              details: calibration,
            },
          ],
          summary: `floor kept: ${calibration.status}`,
        };
      }
      const wanted = Math.max(calibration.floor, minimumFloor);
      const limit = config.maxDecrease === undefined ? 0 : before - config.maxDecrease;
      const next = config.maxDecrease === undefined ? wanted : Math.max(wanted, limit);
      const note = `${calibration.labelledSamples} labelled decisions, error bound ${(calibration.errorRateUpperBound * 100).toFixed(1)}% at ${calibration.floor.toFixed(2)}`;
      const details = { before, calibrated: calibration.floor, applied: next, ...calibration };
      const heldBack =
        next > wanted
          ? [
              {
                kind: 'floor',
                description: `floor ${next.toFixed(2)} instead of ${wanted.toFixed(2)}`,
                reason: `a drop over ${config.maxDecrease} per run needs more runs (or a human)`,
                details,
              },
            ]
          : [];
      if (Math.abs(next - before) < minChange) {
        return {
          heldBack: [
            ...heldBack,
            {
              kind: 'floor',
              description: `floor kept at ${before.toFixed(2)}`,
              reason: `calibrated ${next.toFixed(2)} is within ${minChange} of it (${note})`,
              details,
            },
          ],
          summary: 'floor unchanged',
        };
      }
      await config.floor.set(next);
      return {
        changed: [
          {
            kind: 'floor',
            description: `confidence floor ${before.toFixed(2)} -> ${next.toFixed(2)} (${note})`,
            details,
          },
        ],
        heldBack,
        summary: `floor ${before.toFixed(2)} -> ${next.toFixed(2)}`,
      };
    },
  };
}
