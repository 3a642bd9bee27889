import { createLocalClassifier, type LocalClassifier } from '@guardloop/semantic';
import {
  type HelpdeskIntent,
  helpdeskIntents,
  loadHelpdeskDataset,
} from '@guardloop/semantic/data';

/** Examples per intent: a small subset keeps training to a few hundred milliseconds. */
const examplesPerIntent = 12;

/**
 * The local classifier of the benchmark, trained on a subset of the bundled help-desk data set
 * (12 messages per intent, 192 in all) without cross-validation, plus the password-reset
 * messages used as tickets: taken from the training subset, so they classify confidently and
 * every benchmarked signal goes the whole way to an action.
 */
export function trainBenchClassifier(): {
  classifier: LocalClassifier<HelpdeskIntent>;
  tickets: string[];
} {
  const dataset = loadHelpdeskDataset({ seed: 42 });
  const examples = helpdeskIntents.flatMap((label) =>
    dataset.train.filter((example) => example.label === label).slice(0, examplesPerIntent),
  );
  const classifier = createLocalClassifier({ labels: helpdeskIntents, examples, name: 'bench' });
  const tickets = examples
    .filter((example) => example.label === 'password_reset')
    .map((example) => example.text);
  return { classifier, tickets };
}
