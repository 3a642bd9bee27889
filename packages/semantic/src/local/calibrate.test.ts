import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createLocalClassifier } from './create-local-classifier';
import { toyExamples, toyLabels } from './toy-examples.fixture';

describe('LocalClassifier.calibrate', () => {
  it('fits the temperature on held-out examples and the floor against out-of-scope texts', () => {
    const classifier = createLocalClassifier({
      labels: toyLabels,
      examples: toyExamples.filter((_, index) => index % 5 !== 0),
      floor: 0.99,
    });
    const result = classifier.calibrate({
      examples: toyExamples.filter((_, index) => index % 5 === 0),
      outOfScope: ['tell me a joke', 'what time is it in Tokyo', 'qwerty asdf'],
    });
    expect(result).toEqual({
      temperature: classifier.temperature,
      floor: classifier.floor,
      calibrated: true,
    });
    expect(classifier.floor).toBeLessThan(0.99);
    expect(classifier.toJSON().settings).toMatchObject(result);
  });

  it('leaves the floor alone, and uncalibrated, without out-of-scope texts', () => {
    const classifier = createLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      floor: 0.7,
    });
    expect(classifier.calibrate({ examples: toyExamples })).toMatchObject({
      floor: 0.7,
      calibrated: false,
    });
  });

  it('marks the classifier and every result calibrated only once the floor is fitted', async () => {
    const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
    expect(classifier.calibrated).toBe(false);
    expect(await classifier.classify('reset my password')).toMatchObject({ calibrated: false });
    expect(await classifier.classify('tell me a joke')).toMatchObject({ calibrated: false });
    classifier.calibrate({ examples: toyExamples, outOfScope: ['tell me a joke'] });
    expect(classifier.calibrated).toBe(true);
    expect(await classifier.classify('reset my password')).toMatchObject({ calibrated: true });
    expect(classifier.toJSON().settings.calibrated).toBe(true);
  });

  it('takes a floor declared calibrated by the caller at its word', async () => {
    const classifier = createLocalClassifier({
      labels: toyLabels,
      examples: toyExamples,
      floor: 0.4,
      calibrated: true,
    });
    expect(await classifier.classify('reset my password')).toMatchObject({ calibrated: true });
  });

  it('rejects empty or malformed calibration data', () => {
    const classifier = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
    const codeOf = (options: unknown) => {
      try {
        classifier.calibrate(options as never);
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf({ examples: [] })).toBe('invalid_input');
    expect(codeOf({ examples: [{ text: 'a', label: 'nope' }] })).toBe('unknown_label');
    expect(codeOf({ examples: toyExamples, outOfScope: [3] })).toBe('invalid_input');
  });
});
