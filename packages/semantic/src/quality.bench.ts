import { test } from 'vitest';
import { loadHelpdeskDataset } from './data/load-helpdesk-dataset';
import { trainLocalClassifier } from './local/train-local-classifier';
import { createKeywordClassifier } from './quality/create-keyword-classifier';

// Latency of classifying one help-desk message with the local classifier, against a
// keyword-lookup baseline measured in the same run, printed as a ratio.
// Run: pnpm vitest bench --run packages/semantic

const dataset = loadHelpdeskDataset({ seed: 42 });
const local = trainLocalClassifier({
  labels: dataset.labels,
  examples: dataset.train,
  outOfScope: dataset.outOfScope.validation,
});
const keyword = createKeywordClassifier(dataset.labels);
// Every held-out text, in- and out-of-scope: one sample classifies them all.
const texts = [...dataset.test.map((example) => example.text), ...dataset.outOfScope.test];
let sink: unknown;
const classifyAll = (classifier: { classify(text: string): Promise<unknown> }) => async () => {
  for (const text of texts) sink = await classifier.classify(text);
};

type Results = { get(name: string): { latency: { p50: number } } };

test('classify one help-desk message', async ({ bench }) => {
  const names = ['keyword lookup (baseline)', 'local classifier'] as const;
  const results: Results = await bench.compare(
    bench(names[0], classifyAll(keyword)),
    bench(names[1], classifyAll(local)),
  );
  // Median sample: on a shared machine the mean swings with the neighbours' load.
  const perText = (name: string) => (results.get(name).latency.p50 * 1000) / texts.length;
  const [base, cost] = [perText(names[0]), perText(names[1])];
  console.log(
    `Classify one text (${texts.length} texts per sample)\n` +
      `  ${names[0]}: ${base.toFixed(2)} µs (baseline)\n` +
      `  ${names[1]}: ${cost.toFixed(2)} µs = ${(cost / base).toFixed(1)}x baseline`,
  );
  if (sink === undefined) throw new Error('nothing was classified');
});
