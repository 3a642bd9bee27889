import type { LinearModel } from './linear-model';

/**
 * Share of a text's feature weight that the model saw in training, 0..1, weighting each
 * feature by its inverse document frequency. Unseen features weigh the most, common ones
 * (stop words, frequent character n-grams) the least, so "what's the weather in Paris" scores
 * low although "what's", "the" and "in" are known, while a typo in a known word keeps most of
 * its character n-grams and scores high.
 */
export function computeCoverage(model: LinearModel, buckets: Iterable<number>): number {
  const unseenWeight = Math.log(model.documents + 1) + 1;
  let seen = 0;
  let total = 0;
  for (const bucket of buckets) {
    const documents = model.documentFrequency.get(bucket);
    if (documents === undefined) {
      total += unseenWeight;
      continue;
    }
    const weight = Math.log((model.documents + 1) / (documents + 1)) + 1;
    seen += weight;
    total += weight;
  }
  return total === 0 ? 0 : seen / total;
}
