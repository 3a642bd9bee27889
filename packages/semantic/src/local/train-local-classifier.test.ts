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
  it('fits temperature and floor by cross-validation and trains on every example', async () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      outOfScope,
    });
    expect(classifier.documentCount).toBe(toyExamples.length);
    expect(classifier.temperature).toBeGreaterThan(0);
    expect(classifier.floor).toBeGreaterThan(0);
    expect((await classifier.classify('please reset my password')).abstained).toBe(false);
    expect((await classifier.classify('who painted the Mona Lisa')).abstained).toBe(true);
  });

  it('keeps the given floor when there are no out-of-scope texts', () => {
    const classifier = trainLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      floor: 0.42,
    } as never);
    expect(classifier.floor).toBe(0.42);
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
  });
});
