import { createSeededRandom } from '@guardloop/core/internal';
import type { TrainingExample } from '../local/training-example';

export interface GeneratedIntentDataset {
  labels: string[];
  train: TrainingExample[];
  test: TrainingExample[];
  outOfScope: { validation: string[]; test: string[] };
}

export interface GenerateIntentDatasetOptions {
  intents: number;
  /** Training examples per intent. */
  examplesPerIntent: number;
  /** Held-out examples per intent. Default a fifth of `examplesPerIntent`. */
  testPerIntent?: number;
  /** Out-of-scope texts in each of validation and test. Default 2 per intent. */
  outOfScope?: number;
  seed?: number;
}

const syllables =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(
    ' ',
  );
const fillers =
  'i my me the a to for with please can you need help want is it on of and how do not this'.split(
    ' ',
  );

/**
 * A synthetic intent data set of any shape, for benchmarks that need more intents than the
 * bundled help-desk file (the "150 intents x 100 examples"): nothing is committed but
 * this seeded generator. Each intent owns 3 words and shares 3 with other intents, messages mix
 * them with filler words, unrelated words and typos; out-of-scope messages use another
 * vocabulary with the same fillers, so only the topic words separate them.
 */
export function generateIntentDataset(
  options: GenerateIntentDatasetOptions,
): GeneratedIntentDataset {
  const random = createSeededRandom(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const seen = new Set<string>();
  const word = (): string => {
    for (;;) {
      const length = 2 + Math.floor(random() * 3);
      const candidate = Array.from({ length }, () => pick(syllables)).join('');
      if (!seen.has(candidate)) {
        seen.add(candidate);
        return candidate;
      }
    }
  };
  const shared = Array.from({ length: Math.ceil(options.intents * 1.5) }, word);
  const noise = Array.from({ length: 400 }, word);
  const offTopic = Array.from({ length: 600 }, word);
  const typo = (text: string): string => {
    if (random() > 0.15 || text.length < 4) return text;
    const at = 1 + Math.floor(random() * (text.length - 2));
    return text.slice(0, at) + text.slice(at + 1);
  };
  const sentence = (topic: readonly string[], topicWords: number): string => {
    const words = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(fillers));
    for (let index = 0; index < topicWords; index++) {
      words.splice(Math.floor(random() * (words.length + 1)), 0, typo(pick(topic)));
    }
    if (random() < 0.5) words.push(pick(noise));
    return words.join(' ');
  };
  const labels = Array.from({ length: options.intents }, (_, index) => `intent_${index}`);
  const topics = labels.map(() => [
    word(),
    word(),
    word(),
    pick(shared),
    pick(shared),
    pick(shared),
  ]);
  const testPerIntent = options.testPerIntent ?? Math.ceil(options.examplesPerIntent / 5);
  const dataset: GeneratedIntentDataset = {
    labels,
    train: [],
    test: [],
    outOfScope: { validation: [], test: [] },
  };
  labels.forEach((label, index) => {
    const topic = topics[index] ?? [];
    for (let count = 0; count < options.examplesPerIntent + testPerIntent; count++) {
      const example = { text: sentence(topic, 1 + Math.floor(random() * 3)), label };
      (count < options.examplesPerIntent ? dataset.train : dataset.test).push(example);
    }
  });
  const outOfScopeCount = options.outOfScope ?? options.intents * 2;
  for (const list of [dataset.outOfScope.validation, dataset.outOfScope.test]) {
    for (let count = 0; count < outOfScopeCount; count++) {
      // Now and then an off-topic message borrows a shared topic word, as real ones do.
      const topic = random() < 0.2 ? [pick(offTopic), pick(shared)] : [pick(offTopic)];
      list.push(sentence(topic, 1 + Math.floor(random() * 2)));
    }
  }
  return dataset;
}
