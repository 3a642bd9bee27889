import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import type { FeatureVector } from './feature-vector';
import { computeLogits, countDocument, gradientStep, type LinearModel } from './linear-model';
import type { TrainingOptions } from './local-classifier-settings';

export interface LabelledVector {
  vector: FeatureVector;
  labelIndex: number;
}

export interface EpochRange {
  /** Where the learning-rate schedule starts: continuing a training keeps decaying it. */
  firstEpoch?: number;
  /** Default `options.epochs`. */
  epochs?: number;
  /** Count the batch's documents first. Default true; false when they are counted already. */
  countDocuments?: boolean;
}

/** Batch training: `epochs` shuffled passes with a decaying learning rate. */
export function trainEpochs(
  model: LinearModel,
  batch: readonly LabelledVector[],
  options: TrainingOptions,
  { firstEpoch = 0, epochs = options.epochs, countDocuments = true }: EpochRange = {},
): void {
  if (countDocuments) for (const item of batch) countDocument(model, item.vector);
  const random = createSeededRandom(options.seed + model.documents + firstEpoch);
  for (let epoch = firstEpoch; epoch < firstEpoch + epochs; epoch++) {
    const learningRate = options.learningRate / (1 + epoch * 0.1);
    for (const item of shuffle(batch, random)) {
      gradientStep(model, item.vector, item.labelIndex, { learningRate, l2: options.l2 });
    }
  }
}

/**
 * Online correction: gradient steps on one example until the model predicts its label (or
 * `learnSteps` is spent). A recorded outcome thus changes the next answer for that text and
 * its close variants, without retraining from scratch.
 */
export function learnOne(model: LinearModel, item: LabelledVector, options: TrainingOptions): void {
  countDocument(model, item.vector);
  for (let step = 0; step < options.learnSteps; step++) {
    gradientStep(model, item.vector, item.labelIndex, {
      learningRate: options.learningRate,
      l2: 0,
    });
    if (argMax(computeLogits(model, item.vector)) === item.labelIndex) return;
  }
}

export function argMax(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if ((values[index] ?? -Infinity) > (values[best] ?? -Infinity)) best = index;
  }
  return best;
}
