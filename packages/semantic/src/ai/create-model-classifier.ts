import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { clockSchema, throwIfAborted, timeoutMsSchema } from '@guardloop/core/internal';
import { generateText, type LanguageModel, Output } from 'ai';
import { z } from 'zod';
import type { Classifier } from '../classifier/classifier';
import { defaultMaxTextLength, validateText } from '../classifier/validate-text';
import { redactPii } from '../pii/redact-pii';
import { buildClassificationInstructions } from './build-classification-instructions';
import { describeModelFailure } from './describe-model-failure';
import { ModelClassificationError } from './model-classification-error';

export interface ModelClassifierOptions<Label extends string> {
  /** Any `ai` SDK language model (or a gateway model id). */
  model: LanguageModel;
  labels: readonly Label[];
  /** One line per label helps the model tell close labels apart. */
  descriptions?: Partial<Record<Label, string>>;
  /** Appended to the built-in instructions. */
  instructions?: string;
  /** Abstain below this self-reported confidence. Default 0.6. */
  floor?: number;
  /** Replace e-mails, phones, cards and IBANs before the text leaves the process. Default false. */
  redactPii?: boolean;
  maxLength?: number;
  /** Passed to `generateText`. Default: the SDK's (2). */
  maxRetries?: number;
  /**
   * Bound on one `classify` call, retries included (ms): past it the call is aborted and
   * rejects with ModelClassificationError, reason `timeout`. Default 30 000.
   */
  timeoutMs?: number;
  /** Source of time for the timeout. Default: the system clock. */
  clock?: Clock;
  name?: string;
}

const optionsSchema = z.object({
  model: z.custom<LanguageModel>(
    (value) => typeof value === 'string' || (typeof value === 'object' && value !== null),
    'Expected an ai SDK LanguageModel',
  ),
  labels: z
    .array(z.string().min(1))
    .min(2)
    .refine((labels) => new Set(labels).size === labels.length, 'Labels must be unique'),
  descriptions: z.record(z.string(), z.string()).default({}),
  instructions: z.string().optional(),
  floor: z.number().min(0).max(1).default(0.6),
  redactPii: z.boolean().default(false),
  maxLength: z.number().int().positive().default(defaultMaxTextLength),
  maxRetries: z.number().int().min(0).optional(),
  timeoutMs: timeoutMsSchema.int().default(30_000),
  clock: clockSchema.optional(),
  name: z.string().min(1).default('model'),
});

/**
 * A classifier backed by a language model through the `ai` SDK (`generateText` with
 * `Output.object`): the answer is validated by a zod schema whose label is `z.enum(labels)`,
 * so the model cannot invent a label. `scores` holds the chosen label's confidence only.
 * @throws InvalidInputError (`invalid_input`) for malformed options. `classify` rejects with
 * the text errors (`invalid_input`, `empty_text`, `text_too_long`), with
 * ModelClassificationError (`model_classification_failed`, with a `reason`: `rate_limited`,
 * `provider_error`, `network_error`, `timeout`, `malformed_output`, `label_outside_set`) when the
 * call or the output fails, and with `abortSignal.reason` when the caller aborts.
 */
export function createModelClassifier<const Label extends string>(
  options: ModelClassifierOptions<Label>,
): Classifier<Label> {
  const settings = parseInput(optionsSchema, options, 'model classifier options');
  const labels = settings.labels as [Label, ...Label[]];
  const clock = settings.clock ?? systemClock;
  const schema = z.object({
    label: z.enum(labels).describe('The single best-fitting label'),
    confidence: z.number().min(0).max(1).describe('Probability that the label is correct'),
  });
  const instructions = buildClassificationInstructions(
    labels,
    settings.descriptions,
    settings.instructions,
  );
  return {
    name: settings.name,
    labels,
    floor: settings.floor,
    async classify(text, classifyOptions = {}) {
      const callerSignal = classifyOptions.abortSignal;
      throwIfAborted(callerSignal);
      const valid = validateText(text, settings.maxLength);
      const prompt = settings.redactPii ? redactPii(valid, { maxLength: valid.length }) : valid;
      // Our own timer, so a provider that never answers ends the call (and tests need no sleep).
      const timeout = new AbortController();
      const cancelTimer = clock.setTimer(settings.timeoutMs, () =>
        timeout.abort(new Error(`No answer within ${settings.timeoutMs} ms`)),
      );
      const abortSignal = callerSignal
        ? AbortSignal.any([callerSignal, timeout.signal])
        : timeout.signal;
      try {
        const { output } = await generateText({
          model: settings.model,
          instructions,
          prompt,
          output: Output.object({ schema, name: 'classification' }),
          abortSignal,
          ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
        });
        return {
          label: output.label,
          confidence: output.confidence,
          scores: { [output.label]: output.confidence },
          abstained: output.confidence < settings.floor,
          classifier: settings.name,
        };
      } catch (error) {
        throwIfAborted(callerSignal);
        if (timeout.signal.aborted) {
          throw new ModelClassificationError({
            cause: timeout.signal.reason,
            reason: 'timeout',
            isRetryable: true,
          });
        }
        const { reason, ...failure } = describeModelFailure(error, {
          now: clock.now(),
          namesOutsideSet: (text) => {
            const label = (JSON.parse(text) as { label?: unknown } | null)?.label;
            return typeof label === 'string' && !(labels as readonly string[]).includes(label);
          },
        });
        throw new ModelClassificationError({
          ...failure,
          reason: reason === 'outside_set' ? 'label_outside_set' : reason,
        });
      } finally {
        cancelTimer();
      }
    },
  };
}
