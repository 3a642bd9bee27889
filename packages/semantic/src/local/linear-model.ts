import type { FeatureVector } from './feature-vector';
import { softmax } from './softmax';

/**
 * Multinomial logistic regression over hashed features, plus the document frequency of every
 * bucket (for the coverage measure). Sparse: only buckets seen in training have a row.
 */
export interface LinearModel {
  readonly labelCount: number;
  readonly weights: Map<number, Float64Array>;
  readonly bias: Float64Array;
  readonly documentFrequency: Map<number, number>;
  documents: number;
}

export function createLinearModel(labelCount: number): LinearModel {
  return {
    labelCount,
    weights: new Map(),
    bias: new Float64Array(labelCount),
    documentFrequency: new Map(),
    documents: 0,
  };
}

export function computeLogits(model: LinearModel, vector: FeatureVector): number[] {
  const logits = Array.from(model.bias);
  for (const [bucket, value] of vector) {
    const row = model.weights.get(bucket);
    if (!row) continue;
    for (let label = 0; label < model.labelCount; label++) {
      logits[label] = (logits[label] ?? 0) + (row[label] ?? 0) * value;
    }
  }
  return logits;
}

/** Counts a training document once, for document frequencies. */
export function countDocument(model: LinearModel, vector: FeatureVector): void {
  model.documents += 1;
  for (const [bucket] of vector) {
    model.documentFrequency.set(bucket, (model.documentFrequency.get(bucket) ?? 0) + 1);
  }
}

/** One stochastic gradient step of cross-entropy loss with L2 weight decay. */
export function gradientStep(
  model: LinearModel,
  vector: FeatureVector,
  labelIndex: number,
  { learningRate, l2 }: { learningRate: number; l2: number },
): void {
  const probabilities = softmax(computeLogits(model, vector), 1);
  const gradients = probabilities.map((probability, label) =>
    label === labelIndex ? probability - 1 : probability,
  );
  // The bias learns slower: it should carry class frequency, not the text's content.
  gradients.forEach((gradient, label) => {
    model.bias[label] = (model.bias[label] ?? 0) - learningRate * 0.1 * gradient;
  });
  for (const [bucket, value] of vector) {
    let row = model.weights.get(bucket);
    if (!row) {
      row = new Float64Array(model.labelCount);
      model.weights.set(bucket, row);
    }
    for (let label = 0; label < model.labelCount; label++) {
      const weight = row[label] ?? 0;
      row[label] =
        weight * (1 - learningRate * l2) - learningRate * (gradients[label] ?? 0) * value;
    }
  }
}
