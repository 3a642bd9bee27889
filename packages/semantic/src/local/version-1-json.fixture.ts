import type { LocalClassifier } from './local-classifier';
import { restoreModel } from './serialize-local-classifier';

/**
 * A classifier in the version 1 format of earlier releases ([bucket, documents, ...weights]
 * per row, every weight as JSON text), for the compatibility tests and the size benchmark.
 * Weights below the classifier's `pruneBelow` are 0 here too: create it with `pruneBelow: 0`
 * for the format as it was.
 */
export function toVersion1Json(classifier: LocalClassifier) {
  const json = classifier.toJSON();
  const model = restoreModel(json);
  const rows = [...model.weights].map(([bucket, weights]) => [
    bucket,
    model.documentFrequency.get(bucket) ?? 0,
    ...Array.from(weights, (weight) => Number(weight.toPrecision(6))),
  ]);
  const { calibrated: _calibrated, pruneBelow: _pruneBelow, ...settings } = json.settings;
  return {
    format: json.format,
    version: 1,
    settings,
    documents: json.documents,
    bias: json.bias,
    rows,
  };
}
