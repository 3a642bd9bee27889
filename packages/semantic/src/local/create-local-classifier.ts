import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { buildLocalClassifier } from './build-local-classifier';
import { createLinearModel } from './linear-model';
import type { LocalClassifier } from './local-classifier';
import {
  type LocalClassifierSettingsInput,
  localClassifierSettingsSchema,
} from './local-classifier-settings';
import type { TrainingExample } from './training-example';

export interface CreateLocalClassifierOptions<Label extends string>
  extends Omit<LocalClassifierSettingsInput, 'labels'> {
  /** The closed label set (at least two, unique). */
  labels: readonly Label[];
  /** Trained on at creation (see `train()`). */
  examples?: readonly TrainingExample<Label>[];
}

const createOptionsSchema = localClassifierSettingsSchema.extend({
  examples: z.array(z.unknown()).optional(),
});

/**
 * Creates the embedded classifier: logistic regression over hashed word and character
 * n-grams; no model download, no network. Untrained, it abstains on everything.
 * For held-out calibration of temperature and floor, prefer `trainLocalClassifier`.
 * @throws InvalidInputError (`invalid_input`) for malformed options or training examples.
 * @throws UnknownLabelError (`unknown_label`) for an example whose label is not in `labels`.
 * @throws EmptyTextError / TextTooLongError for an example's text.
 */
export function createLocalClassifier<const Label extends string>(
  options: CreateLocalClassifierOptions<Label>,
): LocalClassifier<Label> {
  const { examples, ...settings } = parseInput(
    createOptionsSchema,
    options,
    'local classifier options',
  );
  const classifier = buildLocalClassifier<Label>(
    settings,
    createLinearModel(settings.labels.length),
  );
  if (examples && examples.length > 0) {
    classifier.train(examples as readonly TrainingExample<Label>[]);
  }
  return classifier;
}
