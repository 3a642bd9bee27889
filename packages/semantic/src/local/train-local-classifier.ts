import { parseInput } from '@guardloop/core';
import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import { z } from 'zod';
import { validateText } from '../classifier/validate-text';
import { buildLocalClassifier } from './build-local-classifier';
import { computeCoverage } from './coverage';
import type { CreateLocalClassifierOptions } from './create-local-classifier';
import { toFeatureVector } from './feature-vector';
import { type CalibrationSample, fitCalibration } from './fit-calibration';
import { computeLogits, countDocument, createLinearModel, type LinearModel } from './linear-model';
import type { LocalClassifier } from './local-classifier';
import {
  type LocalClassifierSettings,
  localClassifierSettingsSchema,
} from './local-classifier-settings';
import { type LabelledVector, trainEpochs } from './train-model';
import { type TrainingExample, validateTrainingExample } from './training-example';

export interface TrainLocalClassifierOptions<Label extends string>
  extends Omit<
    CreateLocalClassifierOptions<Label>,
    'examples' | 'temperature' | 'floor' | 'calibrated'
  > {
  examples: readonly TrainingExample<Label>[];
  /** Texts that match no label, used only to choose the floor (never trained on). */
  outOfScope?: readonly string[];
  /**
   * Labelled examples kept apart for calibration (never trained on). Without them a stratified
   * `holdoutFraction` of `examples` is held out, then folded back in.
   */
  validation?: readonly TrainingExample<Label>[];
  /**
   * `holdout` (default): one training; temperature and floor are fitted on `validation`, or on
   * a held-out share of `examples` that the model then learns in a short continuation (about
   * 1.3x one training in all). `cross-validation`: fitted on out-of-fold predictions, `folds + 1`
   * trainings, for small data sets where every example counts.
   */
  calibration?: 'holdout' | 'cross-validation';
  /** Share of each label held out by `holdout` calibration without `validation`. Default 0.2. */
  holdoutFraction?: number;
  /** Cross-validation folds. Default 5. */
  folds?: number;
}

const trainOptionsSchema = z.looseObject({
  examples: z.array(z.unknown()).min(2),
  outOfScope: z.array(z.unknown()).default([]),
  validation: z.array(z.unknown()).min(1).optional(),
  calibration: z.enum(['holdout', 'cross-validation']).default('holdout'),
  holdoutFraction: z.number().min(0.05).max(0.5).default(0.2),
  folds: z.number().int().min(2).max(20).default(5),
});

// Epochs of the continuation that folds the held-out share back in, as a share of `epochs`.
const continuationShare = 0.5;

/**
 * Trains a local classifier and calibrates it: the temperature on held-out labelled examples,
 * and, when `outOfScope` texts are given, the floor that best balances in-scope accuracy with
 * out-of-scope recall (the classifier is then `calibrated: true`). `outOfScope` texts are only
 * scored, never trained on. See `calibration` for the cost of each method.
 * @throws the errors of `createLocalClassifier`, and InvalidInputError for malformed options.
 */
export function trainLocalClassifier<const Label extends string>(
  options: TrainLocalClassifierOptions<Label>,
): LocalClassifier<Label> {
  const parsed = parseInput(trainOptionsSchema, options, 'training options');
  const {
    examples: _examples,
    outOfScope: _outOfScope,
    validation: _validation,
    calibration: _calibration,
    holdoutFraction: _holdoutFraction,
    folds: _folds,
    ...input
  } = options;
  const settings = parseInput(localClassifierSettingsSchema, input, 'local classifier options');
  const labelled = (list: readonly unknown[]) => list.map((item) => toLabelled(item, settings));
  const examples = labelled(parsed.examples);
  const validation = parsed.validation && labelled(parsed.validation);
  const outOfScope = parsed.outOfScope.map((text) =>
    toFeatureVector(validateText(text, settings.maxLength), settings.features),
  );
  const model = createLinearModel(settings.labels.length);
  let samples: CalibrationSample[];
  if (validation) {
    trainEpochs(model, examples, settings.training);
    samples = score(model, validation, outOfScope);
  } else if (parsed.calibration === 'holdout') {
    const { kept, heldOut } = holdOut(examples, parsed.holdoutFraction, settings);
    trainEpochs(model, kept, settings.training);
    samples = score(model, heldOut, outOfScope);
    // Fold the held-out share in with a short continuation over everything, rather than a
    // second full training: the calibration carries over to the slightly better model.
    for (const item of heldOut) countDocument(model, item.vector);
    trainEpochs(model, examples, settings.training, {
      firstEpoch: settings.training.epochs,
      epochs: Math.max(1, Math.round(settings.training.epochs * continuationShare)),
      countDocuments: false,
    });
  } else {
    samples = crossValidate(examples, parsed.folds, outOfScope, settings);
    trainEpochs(model, examples, settings.training);
  }
  const { temperature, floor } = fitCalibration(samples, settings.coverageExponent);
  const calibrated: LocalClassifierSettings =
    floor === undefined
      ? { ...settings, temperature, calibrated: false }
      : { ...settings, temperature, floor, calibrated: true };
  return buildLocalClassifier<Label>(calibrated, model);
}

function toLabelled(input: unknown, settings: LocalClassifierSettings): LabelledVector {
  const { example, labelIndex } = validateTrainingExample(
    input,
    settings.labels,
    settings.maxLength,
  );
  return { vector: toFeatureVector(example.text, settings.features), labelIndex };
}

function score(
  model: LinearModel,
  inScope: readonly LabelledVector[],
  outOfScope: readonly LabelledVector['vector'][],
): CalibrationSample[] {
  const inspect = (vector: LabelledVector['vector']) => ({
    logits: computeLogits(model, vector),
    coverage: computeCoverage(
      model,
      vector.map(([bucket]) => bucket),
    ),
  });
  return [
    ...inScope.map((item) => ({ ...inspect(item.vector), labelIndex: item.labelIndex })),
    ...outOfScope.map((vector) => ({ ...inspect(vector), labelIndex: undefined })),
  ];
}

/** A seeded, stratified split: the same share of every label, at least one kept per label. */
function holdOut(
  examples: readonly LabelledVector[],
  fraction: number,
  settings: LocalClassifierSettings,
): { kept: LabelledVector[]; heldOut: LabelledVector[] } {
  const random = createSeededRandom(settings.training.seed);
  const byLabel = new Map<number, LabelledVector[]>();
  for (const item of shuffle(examples, random)) {
    const items = byLabel.get(item.labelIndex) ?? [];
    items.push(item);
    byLabel.set(item.labelIndex, items);
  }
  const kept: LabelledVector[] = [];
  const heldOut: LabelledVector[] = [];
  for (const items of byLabel.values()) {
    const count = Math.min(items.length - 1, Math.round(items.length * fraction));
    heldOut.push(...items.slice(0, count));
    kept.push(...items.slice(count));
  }
  return { kept, heldOut };
}

/** Out-of-fold predictions: each fold model scores its held-out examples and every out-of-scope text. */
function crossValidate(
  examples: readonly LabelledVector[],
  folds: number,
  outOfScope: readonly LabelledVector['vector'][],
  settings: LocalClassifierSettings,
): CalibrationSample[] {
  const order = shuffle(examples, createSeededRandom(settings.training.seed));
  const samples: CalibrationSample[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const foldModel = createLinearModel(settings.labels.length);
    trainEpochs(
      foldModel,
      order.filter((_, index) => index % folds !== fold),
      settings.training,
    );
    // Every fold model scores every out-of-scope text: recall is a share, so repeats are fair.
    samples.push(
      ...score(
        foldModel,
        order.filter((_, index) => index % folds === fold),
        outOfScope,
      ),
    );
  }
  return samples;
}
