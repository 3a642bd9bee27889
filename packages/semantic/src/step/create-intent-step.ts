import {
  type Intent,
  type LoopStepInput,
  parseInput,
  type Signal,
  type StepOptions,
} from '@guardloop/core';
import { abortOptionsSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Classifier } from '../classifier/classifier';
import { EmptyTextError } from '../errors/empty-text-error';
import { textOfSignal } from '../rails/select-text';

/** The loop's `classifyIntent` step, as `createIntentStep` builds it. */
export type IntentStep = (input: LoopStepInput, options?: StepOptions) => Promise<Intent>;

export interface IntentStepOptions {
  /**
   * The text to classify (redact personal data here if the classifier must not see it). Default:
   * the payload's subject, title, text, body, message, description and content, one per line.
   */
  text?: (signal: Signal) => string | undefined;
}

const classifierSchema = z.custom<Classifier>(
  (value) => typeof (value as Classifier | null)?.classify === 'function',
  'Expected a Classifier',
);
const optionsSchema = z
  .object({
    text: z.custom<(signal: Signal) => string | undefined>((value) => typeof value === 'function', {
      message: 'Expected a function',
    }),
  })
  .partial()
  .optional();
// Plain objects: a loose one reads every key of the signal, and so computes its lazy
// `fingerprint` on every signal, deduplication on or off.
const stepInputSchema = z.object({ signal: z.object({ payload: z.unknown() }) });

/**
 * The loop's `classifyIntent` step over any `Classifier` (local, model, cascade): classifies the
 * signal's text and returns core's `Intent`: label, confidence, scores, whether the classifier
 * abstained (below its floor: not to be acted on) and which classifier answered.
 * Use it as `createLoop({ steps: { classifyIntent: createIntentStep(classifier) } })`.
 * @throws InvalidInputError (`invalid_input`) for a malformed classifier or options; the step
 * rejects with EmptyTextError (`empty_text`) when the signal has no text, and with the
 * classifier's errors (`text_too_long`, a model failure...) or the abort reason otherwise
 */
export function createIntentStep(classifier: Classifier, options?: IntentStepOptions): IntentStep {
  parseInput(classifierSchema, classifier, 'intent step classifier');
  parseInput(optionsSchema, options, 'intent step options');
  const textOf = options?.text ?? textOfSignal;
  return async (input, stepOptions) => {
    parseInput(stepInputSchema, input, 'intent step input');
    const abortSignal = parseInput(
      abortOptionsSchema,
      stepOptions,
      'intent step options',
    )?.abortSignal;
    const text = textOf(input.signal);
    if (text === undefined) throw new EmptyTextError();
    const classification = await classifier.classify(text, abortSignal ? { abortSignal } : {});
    const { label, confidence, scores, abstained, calibrated } = classification;
    return {
      label,
      confidence,
      scores,
      abstained,
      classifier: classification.classifier,
      // Carried so the intent rail can warn about an uncalibrated floor inside the loop too.
      ...(typeof calibrated === 'boolean' ? { calibrated } : {}),
    };
  };
}
