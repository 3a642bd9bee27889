import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import raw from '../../data/helpdesk-intents.json' with { type: 'json' };
import type { TrainingExample } from '../local/training-example';
import { createSeededRandom, shuffle } from '@guardloop/core/internal';
import { type HelpdeskIntent, helpdeskIntents } from './helpdesk-intents';

export interface HelpdeskDataset {
  labels: readonly HelpdeskIntent[];
  /** In-scope examples to train on. */
  train: TrainingExample<HelpdeskIntent>[];
  /** Held-out in-scope examples, never to be trained on when reporting quality. */
  test: TrainingExample<HelpdeskIntent>[];
  outOfScope: {
    /** For choosing the floor (calibration). */
    validation: string[];
    /** For reporting out-of-scope recall. */
    test: string[];
  };
}

export interface LoadHelpdeskDatasetOptions {
  /** Seeds the stratified split; the same seed always yields the same split. Default 42. */
  seed?: number;
  /** Share of each intent's examples held out for `test`. Default 0.2. */
  testFraction?: number;
}

const optionsSchema = z.object({
  seed: z.number().int().default(42),
  testFraction: z.number().min(0).max(0.9).default(0.2),
});

const fileSchema = z.object({
  intents: z.record(z.enum(helpdeskIntents), z.array(z.string().min(1)).min(40)),
  outOfScope: z.array(z.string().min(1)).min(100),
});

/**
 * The bundled help-desk data set (`data/helpdesk-intents.json`: 16 intents x 45 hand-written
 * messages, 129 out-of-scope ones), split per intent with a seeded shuffle.
 * @throws InvalidInputError (`invalid_input`) for malformed options.
 */
export function loadHelpdeskDataset(options: LoadHelpdeskDatasetOptions = {}): HelpdeskDataset {
  const { seed, testFraction } = parseInput(optionsSchema, options, 'dataset options');
  const file = fileSchema.parse(raw);
  const random = createSeededRandom(seed);
  const dataset: HelpdeskDataset = {
    labels: helpdeskIntents,
    train: [],
    test: [],
    outOfScope: { validation: [], test: [] },
  };
  for (const label of helpdeskIntents) {
    const texts = shuffle(file.intents[label], random);
    const testCount = Math.round(texts.length * testFraction);
    texts.forEach((text, index) => {
      (index < testCount ? dataset.test : dataset.train).push({ text, label });
    });
  }
  const outOfScope = shuffle(file.outOfScope, random);
  const half = Math.floor(outOfScope.length / 2);
  dataset.outOfScope.validation = outOfScope.slice(0, half);
  dataset.outOfScope.test = outOfScope.slice(half);
  return dataset;
}
