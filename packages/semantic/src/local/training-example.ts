import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { validateText } from '../classifier/validate-text';
import { UnknownLabelError } from '../errors/unknown-label-error';

/** A text with the label it should get. */
export const trainingExampleSchema = z.object({
  text: z.string(),
  label: z.string().min(1),
});

export interface TrainingExample<Label extends string = string> {
  text: string;
  label: Label;
}

/**
 * Validates one training example against a label set.
 * @throws InvalidInputError (`invalid_input`) when it is not `{ text: string, label: string }`.
 * @throws EmptyTextError / TextTooLongError for its text.
 * @throws UnknownLabelError (`unknown_label`) when its label is not in `labels`.
 * @returns the example and the index of its label.
 */
export function validateTrainingExample<Label extends string>(
  input: unknown,
  labels: readonly Label[],
  maxLength: number,
): { example: TrainingExample<Label>; labelIndex: number } {
  const example = parseInput(trainingExampleSchema, input, 'training example');
  validateText(example.text, maxLength);
  const labelIndex = labels.indexOf(example.label as Label);
  if (labelIndex === -1) throw new UnknownLabelError({ label: example.label, labels });
  return { example: example as TrainingExample<Label>, labelIndex };
}
