import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { UnknownClassifierLabelsError } from '../errors/unknown-classifier-labels-error';
import type { Taxonomy } from './define-taxonomy';
import { taxonomySchema } from './taxonomy-schema';

export interface ClassifierLabelCheck {
  /** True when every label is a category of the taxonomy (by id or alias). */
  ok: boolean;
  /** Labels that `taxonomy.normalize` would turn into `other`. */
  unknownLabels: string[];
  /** Categories (besides `other`) no label maps to: the classifier can never pick them. */
  uncoveredCategories: string[];
}

export interface CheckClassifierLabelsOptions {
  /** `throw`: an `UnknownClassifierLabelsError` when a label is unknown. Default `return`. */
  onUnknown?: 'return' | 'throw';
}

const labelsSchema = z.union([
  z.array(z.string()).readonly(),
  z.object({ labels: z.array(z.string()).readonly() }).transform((classifier) => classifier.labels),
]);
const argumentsSchema = z.object({
  taxonomy: taxonomySchema,
  labels: labelsSchema,
  options: z.object({ onUnknown: z.enum(['return', 'throw']).optional() }).optional(),
});

/**
 * Checks the labels of a semantic classifier (or the classifier itself) against the taxonomy's
 * categories, so a label outside the taxonomy is found at startup, not as `other` in reports.
 * @throws InvalidInputError (`invalid_input`) for malformed arguments
 * @throws UnknownClassifierLabelsError (`unknown_classifier_labels`) in `onUnknown: 'throw'` mode
 */
export function checkClassifierLabels(
  taxonomy: Taxonomy,
  labels: readonly string[] | { readonly labels: readonly string[] },
  options?: CheckClassifierLabelsOptions,
): ClassifierLabelCheck {
  const parsed = parseInput(argumentsSchema, { taxonomy, labels, options }, 'classifier labels');
  const { other } = parsed.taxonomy;
  const covered = new Set<string>();
  const unknownLabels: string[] = [];
  for (const label of parsed.labels) {
    const category = parsed.taxonomy.lookup('category', label);
    if (category === undefined) unknownLabels.push(label);
    else covered.add(category);
  }
  const uncoveredCategories = parsed.taxonomy
    .values('category')
    .map((value) => value.id)
    .filter((id) => id !== other && !covered.has(id));
  if (unknownLabels.length > 0 && parsed.options?.onUnknown === 'throw') {
    throw new UnknownClassifierLabelsError({ unknownLabels });
  }
  return { ok: unknownLabels.length === 0, unknownLabels, uncoveredCategories };
}
