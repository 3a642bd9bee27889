import { z } from 'zod';
import { defaultMaxTextLength } from '../classifier/validate-text';
import { featureOptionsSchema } from './feature-options';

/** How the model learns. Defaults were tuned on the bundled help-desk data set. */
export const trainingOptionsSchema = z.object({
  /** Passes over a batch given to `createLocalClassifier({ examples })` or `train()`. */
  epochs: z.number().int().min(1).max(200).default(20),
  learningRate: z.number().positive().max(10).default(1.5),
  /** L2 weight decay: keeps weights small so rare n-grams do not dominate. */
  l2: z.number().min(0).max(1).default(1e-4),
  /** Seeds the shuffle of training order: same data and seed, same model. */
  seed: z.number().int().default(42),
  /** `learn(example)` takes up to this many gradient steps until it predicts the example's label. */
  learnSteps: z.number().int().min(1).max(100).default(10),
});

export type TrainingOptions = z.output<typeof trainingOptionsSchema>;

const labelsSchema = z
  .array(z.string().min(1))
  .min(2)
  .refine((labels) => new Set(labels).size === labels.length, 'Labels must be unique');

/** Everything about a local classifier except its learned weights. */
export const localClassifierSettingsSchema = z.object({
  name: z.string().min(1).default('local'),
  labels: labelsSchema,
  /** Abstain below this confidence. Tuned by `calibrate()` / `trainLocalClassifier()`. */
  floor: z.number().min(0).max(1).default(0.3),
  /**
   * Whether `floor` was fitted against out-of-scope texts (`calibrate()` with `outOfScope`,
   * `trainLocalClassifier()` with `outOfScope`). Reported on every classification so the intent
   * rail can warn about a floor nobody checked; declare `true` for a floor you tuned yourself.
   */
  calibrated: z.boolean().default(false),
  /** Softmax temperature (< 1 sharpens). Fitted by `calibrate()` / `trainLocalClassifier()`. */
  temperature: z.number().positive().max(100).default(0.5),
  /** confidence = max probability x coverage ^ coverageExponent; 0 ignores novelty. */
  coverageExponent: z.number().min(0).max(8).default(2),
  maxLength: z.number().int().positive().default(defaultMaxTextLength),
  /**
   * `toJSON()` leaves out weights whose magnitude is below this: most of a row is tiny
   * negative weights that barely move a logit; pruning them makes a 150-intent model about
   * ten times smaller with the same accuracy (see docs/benchmarks.md). 0 keeps every weight.
   */
  pruneBelow: z.number().min(0).max(1).default(0.02),
  features: featureOptionsSchema.prefault({}),
  training: trainingOptionsSchema.prefault({}),
});

export type LocalClassifierSettings = z.output<typeof localClassifierSettingsSchema>;
export type LocalClassifierSettingsInput = z.input<typeof localClassifierSettingsSchema>;
