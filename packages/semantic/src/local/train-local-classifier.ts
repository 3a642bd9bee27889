import { parseInput } from '@guardloop/core';
import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import { z } from 'zod';
import {
  type CreateLocalClassifierOptions,
  createLocalClassifier,
} from './create-local-classifier';
import { type CalibrationSample, fitCalibration } from './fit-calibration';
import type { LocalClassifier } from './local-classifier';
import { localClassifierSettingsSchema } from './local-classifier-settings';
import type { TrainingExample } from './training-example';

export interface TrainLocalClassifierOptions<Label extends string>
  extends Omit<CreateLocalClassifierOptions<Label>, 'examples' | 'temperature' | 'floor'> {
  examples: readonly TrainingExample<Label>[];
  /** Texts that match no label, used only to choose the floor (never trained on). */
  outOfScope?: readonly string[];
  /** Cross-validation folds for calibration. Default 5. */
  folds?: number;
}

const trainOptionsSchema = z.looseObject({
  examples: z.array(z.unknown()).min(2),
  outOfScope: z.array(z.unknown()).default([]),
  folds: z.number().int().min(2).max(20).default(5),
});

/**
 * Trains a local classifier on all `examples` and calibrates it honestly: temperature and floor
 * are fitted on out-of-fold predictions (k-fold cross-validation), so every example serves both
 * for training and, once, as held-out data. Costs `folds + 1` trainings. `outOfScope` texts are
 * only scored, never trained on.
 * @throws the errors of `createLocalClassifier`, and InvalidInputError for malformed options.
 */
export function trainLocalClassifier<const Label extends string>(
  options: TrainLocalClassifierOptions<Label>,
): LocalClassifier<Label> {
  parseInput(trainOptionsSchema, options, 'training options');
  const { examples, outOfScope = [], folds = 5, ...settings } = options;
  const { coverageExponent, training } = parseInput(
    localClassifierSettingsSchema,
    settings,
    'local classifier options',
  );
  const random = createSeededRandom(training.seed);
  const order = shuffle(examples, random);
  const labels: readonly string[] = settings.labels;
  const samples: CalibrationSample[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const foldClassifier = createLocalClassifier({
      ...settings,
      examples: order.filter((_, index) => index % folds !== fold),
    });
    for (const example of order.filter((_, index) => index % folds === fold)) {
      const labelIndex = labels.indexOf(example.label);
      samples.push({ ...foldClassifier.inspect(example.text), labelIndex });
    }
    // Every fold model scores every out-of-scope text: recall is a share, so repeats are fair.
    for (const text of outOfScope) {
      samples.push({ ...foldClassifier.inspect(text), labelIndex: undefined });
    }
  }
  const { temperature, floor } = fitCalibration(samples, coverageExponent);
  return createLocalClassifier({
    ...settings,
    examples,
    temperature,
    ...(floor === undefined ? {} : { floor }),
  });
}
