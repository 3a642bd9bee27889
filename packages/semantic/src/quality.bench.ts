import { test } from 'vitest';
import type { Classifier } from './classifier/classifier';
import { loadHelpdeskDataset } from './data/load-helpdesk-dataset';
import { createLocalClassifier } from './local/create-local-classifier';
import { loadLocalClassifier } from './local/load-local-classifier';
import type { LocalClassifier } from './local/local-classifier';
import { localClassifierSettingsSchema } from './local/local-classifier-settings';
import { trainLocalClassifier } from './local/train-local-classifier';
import { toVersion1Json } from './local/version-1-json.fixture';
import { createKeywordClassifier } from './quality/create-keyword-classifier';
import { evaluateClassifier, type QualityReport } from './quality/evaluate-classifier';
import { generateIntentDataset } from './quality/generate-intent-dataset.fixture';

// The local classifier's size, calibration, accuracy, training cost and latency, each against
// a baseline measured in the same run (one round of each training: they take minutes on a
// shared machine). Figures go to docs/benchmarks.md by hand.
// Run: pnpm vitest bench --run packages/semantic/src/quality.bench.ts (about 12 minutes)

const dataset = loadHelpdeskDataset({ seed: 42 });
const helpdeskTest = { examples: dataset.test, outOfScope: dataset.outOfScope.test };
const local = trainLocalClassifier({
  labels: dataset.labels,
  examples: dataset.train,
  outOfScope: dataset.outOfScope.validation,
});
const keyword = createKeywordClassifier(dataset.labels);
// Every held-out text, in- and out-of-scope: one sample classifies them all.
const texts = [...dataset.test.map((example) => example.text), ...dataset.outOfScope.test];
let large: LocalClassifier | undefined;
let sink: unknown;

const seconds = (start: number) => (performance.now() - start) / 1000;
const points = (value: number) => (value * 100).toFixed(1);
const describeReport = (report: QualityReport) =>
  `accuracy ${points(report.inScopeAccuracy)} %, out-of-scope recall ` +
  `${points(report.outOfScopeRecall)} %, coverage ${points(1 - report.inScopeAbstentionRate)} %, ` +
  `best guess right ${points(report.topLabelAccuracy)} %`;

test('150 intents x 100 examples: size, calibration, accuracy, train time', {
  timeout: 3_600_000,
}, async () => {
  const generated = generateIntentDataset({ intents: 150, examplesPerIntent: 100, seed: 7 });
  const testSet = { examples: generated.test, outOfScope: generated.outOfScope.test };
  let start = performance.now();
  // Kept whole (pruneBelow 0) so that version 1 is the format as it was: every weight.
  const plain = createLocalClassifier({
    labels: generated.labels,
    examples: generated.train,
    pruneBelow: 0,
  });
  const plainSeconds = seconds(start);
  start = performance.now();
  const calibrated = trainLocalClassifier({
    labels: generated.labels,
    examples: generated.train,
    outOfScope: generated.outOfScope.validation,
  });
  const calibratedSeconds = seconds(start);

  const version1 = JSON.stringify(toVersion1Json(plain));
  const whole = plain.toJSON();
  const pruneBelow = localClassifierSettingsSchema.shape.pruneBelow.parse(undefined);
  const pruned = loadLocalClassifier({ ...whole, settings: { ...whole.settings, pruneBelow } });
  const version2 = JSON.stringify(pruned.toJSON());
  start = performance.now();
  const fromVersion1 = loadLocalClassifier(version1);
  const loadVersion1Seconds = seconds(start);
  start = performance.now();
  const fromVersion2 = loadLocalClassifier(version2);
  const loadVersion2Seconds = seconds(start);
  large = loadLocalClassifier(JSON.stringify(calibrated.toJSON()));

  const [before, after, uncalibrated, fitted, fittedSaved] = [
    await evaluateClassifier(fromVersion1, testSet),
    await evaluateClassifier(fromVersion2, testSet),
    await evaluateClassifier(plain, testSet),
    await evaluateClassifier(calibrated, testSet),
    await evaluateClassifier(large, testSet),
  ];
  const megabytes = (text: string) => (text.length / 1e6).toFixed(2);
  console.log(
    `Local classifier, generated data set (150 intents x 100 training examples, ${generated.test.length} held out, ` +
      `${generated.outOfScope.validation.length} + ${generated.outOfScope.test.length} out of scope)\n` +
      `  saved size: version 1 ${megabytes(version1)} MB (baseline), version 2 ${megabytes(version2)} MB ` +
      `= ${(version2.length / version1.length).toFixed(3)}x (default pruneBelow ${pruneBelow})\n` +
      `  load time: version 1 ${loadVersion1Seconds.toFixed(2)} s, version 2 ${loadVersion2Seconds.toFixed(2)} s\n` +
      `  best guess right: version 1 ${points(before.topLabelAccuracy)} %, version 2 ` +
      `${points(after.topLabelAccuracy)} % (${points(after.topLabelAccuracy - before.topLabelAccuracy)} points)\n` +
      `  at the default floor ${plain.floor} (calibrated: ${plain.calibrated}): ${describeReport(uncalibrated)}\n` +
      `  at the fitted floor ${calibrated.floor.toFixed(2)} (calibrated: ${calibrated.calibrated}): ${describeReport(fitted)}\n` +
      `  the same, saved and loaded: ${describeReport(fittedSaved)}\n` +
      `  train time: one training ${plainSeconds.toFixed(1)} s (baseline), trainLocalClassifier with outOfScope ` +
      `${calibratedSeconds.toFixed(1)} s = ${(calibratedSeconds / plainSeconds).toFixed(2)}x`,
  );
});

test('calibration methods on the bundled help-desk data set', { timeout: 600_000 }, async () => {
  const options = {
    labels: dataset.labels,
    examples: dataset.train,
    outOfScope: dataset.outOfScope.validation,
  };
  const rounds = { plain: [] as number[], holdout: [] as number[], cross: [] as number[] };
  const classifiers: Record<string, LocalClassifier> = {};
  // Interleaved rounds, medians: the neighbours' load changes between rounds, not within one.
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    classifiers.plain = createLocalClassifier({ labels: dataset.labels, examples: dataset.train });
    rounds.plain.push(seconds(start));
    start = performance.now();
    classifiers.holdout = trainLocalClassifier(options);
    rounds.holdout.push(seconds(start));
    start = performance.now();
    classifiers.cross = trainLocalClassifier({ ...options, calibration: 'cross-validation' });
    rounds.cross.push(seconds(start));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
  const base = median(rounds.plain);
  const lines = [];
  for (const [name, label] of [
    ['plain', 'createLocalClassifier, default floor'],
    ['holdout', "trainLocalClassifier, calibration 'holdout' (default)"],
    ['cross', "trainLocalClassifier, calibration 'cross-validation'"],
  ] as const) {
    const classifier = classifiers[name] as LocalClassifier;
    const report = await evaluateClassifier(classifier, helpdeskTest);
    const cost = median(rounds[name]) / base;
    lines.push(
      `  ${label}: floor ${classifier.floor.toFixed(2)}, ${describeReport(report)}, ${cost.toFixed(2)}x one training`,
    );
  }
  console.log(
    `Calibration, bundled help-desk data set (seed 42, ${dataset.train.length} training examples; ` +
      `one training ${base.toFixed(2)} s, median of 3)\n${lines.join('\n')}`,
  );
});

type Results = { get(name: string): { latency: { p50: number } } };

test('classify one help-desk message', async ({ bench }) => {
  const classifyAll = (classifier: Classifier) => async () => {
    for (const text of texts) sink = await classifier.classify(text);
  };
  const names = [
    'keyword lookup (baseline)',
    'local classifier, 16 intents',
    'local classifier, 150 intents',
  ] as const;
  const results: Results = await bench.compare(
    bench(names[0], classifyAll(keyword)),
    bench(names[1], classifyAll(local)),
    ...(large ? [bench(names[2], classifyAll(large))] : []),
  );
  // Median sample: on a shared machine the mean swings with the neighbours' load.
  const perText = (name: string) => (results.get(name).latency.p50 * 1000) / texts.length;
  const base = perText(names[0]);
  const lines = names
    .slice(1, large ? 3 : 2)
    .map(
      (name) =>
        `  ${name}: ${perText(name).toFixed(2)} µs = ${(perText(name) / base).toFixed(1)}x baseline`,
    );
  console.log(
    `Classify one text (${texts.length} texts per sample)\n` +
      `  ${names[0]}: ${base.toFixed(2)} µs (baseline)\n${lines.join('\n')}`,
  );
  if (sink === undefined) throw new Error('nothing was classified');
});
