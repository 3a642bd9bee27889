import { InvalidInputError, parseInput } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Classification, Classifier } from '../classifier/classifier';

export interface CascadeClassifierOptions<Label extends string> {
  /** Cheap and fast, asked first (typically `createLocalClassifier`). */
  local: Classifier<Label>;
  /** Expensive, asked only when the local classifier is unsure (typically `createModelClassifier`). */
  model: Classifier<Label>;
  /** The local answer is used when not abstained and at least this confident. Default: `local.floor`. */
  floor?: number;
  name?: string;
}

export interface CascadeStats {
  calls: number;
  /** Calls the local classifier answered: each one is a model call saved. */
  localAnswers: number;
  modelCalls: number;
  modelCallsSaved: number;
  /** modelCallsSaved / calls (0 before the first call). */
  savedRatio: number;
}

export interface CascadeClassifier<Label extends string = string> extends Classifier<Label> {
  stats(): CascadeStats;
}

// The parts of a classifier the cascade reads, so a missing one fails here, typed, not on a call.
const classifierSchema = z.custom<Classifier<string>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Classifier).classify === 'function' &&
    Array.isArray((value as Classifier).labels),
  'Expected a Classifier',
);
const optionsSchema = z.object({
  local: classifierSchema,
  model: classifierSchema,
  floor: z.number().optional(),
  name: z.string().min(1).default('cascade'),
});

/**
 * Local first, model only when the local classifier is unsure. The result's `classifier` says
 * which one answered; when the model answers, the model's own floor decides `abstained`.
 * Model errors propagate (an intent rail turns them into an escalation).
 * @throws InvalidInputError (`invalid_input`) for malformed options (a classifier without
 * `classify` or `labels`) or when the classifiers' label sets differ.
 */
export function createCascadeClassifier<Label extends string>(
  options: CascadeClassifierOptions<Label>,
): CascadeClassifier<Label> {
  const parsed = parseInput(optionsSchema, options, 'cascade options');
  const { local, model } = options;
  const { name } = parsed;
  const floor = parsed.floor ?? local.floor;
  const sameLabels =
    local.labels.length === model.labels.length &&
    local.labels.every((label) => model.labels.includes(label));
  if (!sameLabels || !(floor >= 0 && floor <= 1)) {
    throw new InvalidInputError({
      subject: 'cascade options',
      issues: [
        {
          path: sameLabels ? 'floor' : 'model.labels',
          message: sameLabels
            ? 'Expected a number in 0..1'
            : 'The local and model classifiers must share one label set',
        },
      ],
    });
  }
  let calls = 0;
  let localAnswers = 0;
  let modelCalls = 0;
  return {
    name,
    labels: local.labels,
    floor,
    async classify(text, classifyOptions = {}): Promise<Classification<Label>> {
      throwIfAborted(classifyOptions.abortSignal);
      const first = await local.classify(text, classifyOptions);
      calls += 1;
      if (!first.abstained && first.confidence >= floor) {
        localAnswers += 1;
        return first;
      }
      modelCalls += 1;
      return model.classify(text, classifyOptions);
    },
    stats: () => ({
      calls,
      localAnswers,
      modelCalls,
      modelCallsSaved: localAnswers,
      savedRatio: calls === 0 ? 0 : localAnswers / calls,
    }),
  };
}
