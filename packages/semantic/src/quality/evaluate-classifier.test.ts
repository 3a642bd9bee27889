import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../classifier/classifier';
import { evaluateClassifier } from './evaluate-classifier';

// Answers 'a' for texts starting with "a", abstains on texts starting with "?".
const fake: Classifier<'a' | 'b'> = {
  name: 'fake',
  labels: ['a', 'b'],
  floor: 0.5,
  async classify(text) {
    const abstained = text.startsWith('?');
    const label = text.startsWith('a') ? 'a' : 'b';
    return { label, confidence: abstained ? 0.1 : 0.9, scores: {}, abstained, classifier: 'fake' };
  },
};

describe('evaluateClassifier', () => {
  it('counts abstentions as misses in scope and as hits out of scope', async () => {
    const report = await evaluateClassifier(fake, {
      examples: [
        { text: 'a1', label: 'a' },
        { text: 'a2', label: 'b' },
        { text: '?b', label: 'b' },
        { text: 'b1', label: 'b' },
      ],
      outOfScope: ['?x', 'y'],
    });
    expect(report).toEqual({
      inScopeCount: 4,
      outOfScopeCount: 2,
      inScopeAccuracy: 0.5,
      answeredAccuracy: 2 / 3,
      topLabelAccuracy: 0.75,
      inScopeAbstentionRate: 0.25,
      outOfScopeRecall: 0.5,
    });
  });

  it('rejects malformed options and honours the abort signal', async () => {
    const error = await evaluateClassifier(fake, { examples: [] }).catch((caught) => caught);
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      evaluateClassifier(fake, {
        examples: [{ text: 'a', label: 'a' }],
        abortSignal: controller.signal,
      }),
    ).rejects.toThrow('stop');
  });
});
