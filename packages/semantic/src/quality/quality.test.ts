import { describe, expect, it } from 'vitest';
import { loadHelpdeskDataset } from '../data/load-helpdesk-dataset';
import { trainLocalClassifier } from '../local/train-local-classifier';
import { createKeywordClassifier } from './create-keyword-classifier';
import { evaluateClassifier } from './evaluate-classifier';

// Floors = the figures measured with seed 42 (see README) minus a margin of about 0.05.
const floors = { inScopeAccuracy: 0.72, answeredAccuracy: 0.82, outOfScopeRecall: 0.84 };

describe('quality on the bundled help-desk data set (seed 42, held-out split)', () => {
  const dataset = loadHelpdeskDataset({ seed: 42 });
  const classifier = trainLocalClassifier({
    labels: dataset.labels,
    examples: dataset.train,
    outOfScope: dataset.outOfScope.validation,
  });
  const testSet = { examples: dataset.test, outOfScope: dataset.outOfScope.test };

  it('meets the quality floors at its calibrated confidence floor', async () => {
    const report = await evaluateClassifier(classifier, testSet);
    console.info('local classifier', { floor: classifier.floor, ...report });
    expect(report.inScopeCount).toBe(dataset.test.length);
    expect(report.inScopeAccuracy).toBeGreaterThanOrEqual(floors.inScopeAccuracy);
    expect(report.answeredAccuracy).toBeGreaterThanOrEqual(floors.answeredAccuracy);
    expect(report.outOfScopeRecall).toBeGreaterThanOrEqual(floors.outOfScopeRecall);
  });

  it('beats the keyword-lookup baseline on in-scope accuracy', async () => {
    const baseline = await evaluateClassifier(createKeywordClassifier(dataset.labels), testSet);
    const local = await evaluateClassifier(classifier, testSet);
    console.info('keyword baseline', baseline);
    expect(local.inScopeAccuracy).toBeGreaterThan(baseline.inScopeAccuracy + 0.2);
  });
});
