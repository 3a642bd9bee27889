import { parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Classifier } from '../classifier/classifier';
import type { TrainingExample } from '../local/training-example';

export interface EvaluateClassifierOptions<Label extends string> {
  /** Labelled in-scope examples the classifier was not trained on. */
  examples: readonly TrainingExample<Label>[];
  /** Texts that match no label: the classifier should abstain on them. */
  outOfScope?: readonly string[];
  abortSignal?: AbortSignal;
}

export interface QualityReport {
  inScopeCount: number;
  outOfScopeCount: number;
  /** Right label and not abstained, over all in-scope examples (abstaining counts as wrong). */
  inScopeAccuracy: number;
  /** Right label over the in-scope examples it did not abstain on. */
  answeredAccuracy: number;
  /** Right best guess, ignoring the floor. */
  topLabelAccuracy: number;
  inScopeAbstentionRate: number;
  /** Abstained, over all out-of-scope texts. */
  outOfScopeRecall: number;
}

const optionsSchema = z.object({
  examples: z.array(z.object({ text: z.string(), label: z.string() })).min(1),
  outOfScope: z.array(z.string()).default([]),
});

/**
 * Measures a classifier at its own floor: accuracy on in-scope examples and how often it
 * abstains on out-of-scope ones. Classifies sequentially (model classifiers cost money).
 * @throws InvalidInputError (`invalid_input`) for malformed options; rejects with
 * `abortSignal.reason` when aborted; classifier errors propagate.
 */
export async function evaluateClassifier<Label extends string>(
  classifier: Classifier<Label>,
  options: EvaluateClassifierOptions<Label>,
): Promise<QualityReport> {
  const { examples, outOfScope } = parseInput(optionsSchema, options, 'evaluation options');
  const abortSignal = options.abortSignal;
  let correct = 0;
  let answered = 0;
  let answeredCorrect = 0;
  let topCorrect = 0;
  for (const example of examples) {
    throwIfAborted(abortSignal);
    const result = await classifier.classify(example.text, abortSignal ? { abortSignal } : {});
    const right = result.label === example.label;
    if (right) topCorrect += 1;
    if (!result.abstained) {
      answered += 1;
      if (right) answeredCorrect += 1;
      if (right) correct += 1;
    }
  }
  let abstainedOutOfScope = 0;
  for (const text of outOfScope) {
    throwIfAborted(abortSignal);
    const result = await classifier.classify(text, abortSignal ? { abortSignal } : {});
    if (result.abstained) abstainedOutOfScope += 1;
  }
  return {
    inScopeCount: examples.length,
    outOfScopeCount: outOfScope.length,
    inScopeAccuracy: correct / examples.length,
    answeredAccuracy: answered === 0 ? 0 : answeredCorrect / answered,
    topLabelAccuracy: topCorrect / examples.length,
    inScopeAbstentionRate: 1 - answered / examples.length,
    outOfScopeRecall: outOfScope.length === 0 ? 0 : abstainedOutOfScope / outOfScope.length,
  };
}
