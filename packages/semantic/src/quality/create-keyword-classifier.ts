import type { Classifier } from '../classifier/classifier';
import { validateText } from '../classifier/validate-text';
import { normalizeText } from '../local/normalize-text';

/**
 * The trivial baseline for the quality test and benchmark: a label wins by counting how many
 * of its name's words ("password", "reset") occur in the text; no hit means abstain.
 * Internal: not exported from the package.
 */
export function createKeywordClassifier<Label extends string>(
  labels: readonly Label[],
): Classifier<Label> {
  const keywords = labels.map((label) => label.split('_').filter((word) => word.length > 2));
  return {
    name: 'keyword',
    labels,
    floor: 0.5,
    async classify(text) {
      const words = new Set(normalizeText(validateText(text)).split(' '));
      const hits = keywords.map((list) => list.filter((word) => words.has(word)).length);
      const best = hits.indexOf(Math.max(...hits));
      const total = hits.reduce((sum, count) => sum + count, 0);
      const confidence = total === 0 ? 0 : (hits[best] ?? 0) / total;
      return {
        label: labels[best] as Label,
        confidence,
        scores: Object.fromEntries(
          labels.map((label, index) => [label, (hits[index] ?? 0) / (total || 1)]),
        ),
        abstained: confidence < 0.5,
        classifier: 'keyword',
      };
    },
  };
}
