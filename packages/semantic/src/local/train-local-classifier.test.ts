import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { toyExamples, toyLabels } from './toy-examples.fixture';
import { trainLocalClassifier } from './train-local-classifier';

const outOfScope = [
  'what is the weather like tomorrow',
  'tell me a joke',
  'who won the football match',
  'asdf qwer zxcv',
  'recommend a good book',
];

describe('trainLocalClassifier', () => {
  it('fits the floor from out-of-scope texts in one training by default, on every example', async () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      outOfScope,
    });
    expect(classifier.calibrated).toBe(true);
    expect(classifier.documentCount).toBe(toyExamples.length);
    expect(classifier.temperature).toBeGreaterThan(0);
    expect(classifier.floor).toBeGreaterThan(0);
    const sure = await classifier.classify('please reset my password');
    expect(sure).toMatchObject({ abstained: false, calibrated: true });
    expect((await classifier.classify('who painted the Mona Lisa')).abstained).toBe(true);
  });

  it('replaces a hopeless floor with the fitted one', async () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      outOfScope,
      floor: 0.99,
    } as never);
    expect(classifier.floor).toBeLessThan(0.99);
    expect((await classifier.classify('please reset my password')).abstained).toBe(false);
    for (const text of outOfScope) expect((await classifier.classify(text)).abstained).toBe(true);
  });

  it('calibrates on a given validation split without training on it', async () => {
    const validation = toyExamples.filter((_, index) => index % 5 === 0);
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples.filter((_, index) => index % 5 !== 0),
      validation,
      outOfScope,
    });
    expect(classifier.calibrated).toBe(true);
    expect(classifier.documentCount).toBe(toyExamples.length - validation.length);
    expect((await classifier.classify('tell me a joke')).abstained).toBe(true);
  });

  it('still offers k-fold cross-validation', async () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      outOfScope,
      calibration: 'cross-validation',
      folds: 3,
    });
    expect(classifier.calibrated).toBe(true);
    expect(classifier.documentCount).toBe(toyExamples.length);
    expect((await classifier.classify('please reset my password')).abstained).toBe(false);
  });

  it('keeps the given floor, uncalibrated, when there are no out-of-scope texts', async () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      floor: 0.42,
      calibrated: true,
    } as never);
    expect(classifier.floor).toBe(0.42);
    expect(classifier.calibrated).toBe(false);
    expect(await classifier.classify('reset my password')).toMatchObject({ calibrated: false });
  });

  it('is reproducible with the same seed', () => {
    const train = () =>
      trainLocalClassifier({ labels: toyLabels, examples: toyExamples, outOfScope });
    expect(train().toJSON()).toEqual(train().toJSON());
  });

  it('rejects malformed options and examples with typed errors', () => {
    const codeOf = (options: unknown) => {
      try {
        trainLocalClassifier(options as never);
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf({ labels: toyLabels, examples: [] })).toBe('invalid_input');
    expect(codeOf({ labels: toyLabels, examples: toyExamples, folds: 1 })).toBe('invalid_input');
    expect(
      codeOf({ labels: toyLabels, examples: [...toyExamples, { text: 'x', label: 'other' }] }),
    ).toBe('unknown_label');
    expect(codeOf({ labels: toyLabels, examples: toyExamples, outOfScope: [''] })).toBe(
      'empty_text',
    );
    for (const bad of [
      { calibration: 'guess' },
      { holdoutFraction: 0.9 },
      { validation: [] },
      { validation: 'nope' },
    ]) {
      expect(codeOf({ labels: toyLabels, examples: toyExamples, ...bad })).toBe('invalid_input');
    }
    expect(
      codeOf({ labels: toyLabels, examples: toyExamples, validation: [{ text: 'x', label: 'y' }] }),
    ).toBe('unknown_label');
  });
});
