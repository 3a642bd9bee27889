import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createLocalClassifier } from './create-local-classifier';
import { loadLocalClassifier } from './load-local-classifier';
import { toyExamples, toyLabels } from './toy-examples.fixture';

const texts = ['my parcel is late', 'refund the charge', 'new password please', 'weather today'];

function loadCode(json: unknown): string | undefined {
  try {
    loadLocalClassifier(json);
  } catch (error) {
    return GuardloopError.isInstance(error) ? error.code : 'other';
  }
  return undefined;
}

describe('toJSON / loadLocalClassifier', () => {
  const original = createLocalClassifier({
    labels: toyLabels,
    examples: toyExamples,
    name: 'toy',
    floor: 0.2,
  });

  it('round-trips through JSON text with the same answers', async () => {
    const restored = loadLocalClassifier<(typeof toyLabels)[number]>(
      JSON.stringify(original.toJSON()),
    );
    expect(restored).toMatchObject({ name: 'toy', floor: 0.2, labels: [...toyLabels] });
    expect(restored.documentCount).toBe(original.documentCount);
    for (const text of texts) {
      const [before, after] = [await original.classify(text), await restored.classify(text)];
      expect(after.label).toBe(before.label);
      expect(after.abstained).toBe(before.abstained);
      expect(after.confidence).toBeCloseTo(before.confidence, 4);
    }
  });

  it('restores a classifier that keeps learning', async () => {
    const restored = loadLocalClassifier(original.toJSON());
    restored.learn({ text: 'my invoice please', label: 'billing_refund' });
    expect(restored.documentCount).toBe(original.documentCount + 1);
    expect((await restored.classify('my invoice please')).label).toBe('billing_refund');
  });

  it('does not share state with the JSON it was loaded from', () => {
    const json = original.toJSON();
    const restored = loadLocalClassifier(json);
    restored.calibrate({ examples: toyExamples, outOfScope: ['what a nice day'] });
    expect(json.settings.floor).toBe(0.2);
  });

  it('rejects malformed JSON with invalid_input', () => {
    const json = original.toJSON();
    expect(loadCode('{not json')).toBe('invalid_input');
    expect(loadCode(null)).toBe('invalid_input');
    expect(loadCode({ ...json, format: 'something-else' })).toBe('invalid_input');
    expect(loadCode({ ...json, version: 2 })).toBe('invalid_input');
    expect(loadCode({ ...json, bias: [0] })).toBe('invalid_input');
    expect(loadCode({ ...json, rows: [[1, 1, 0.5]] })).toBe('invalid_input');
    expect(loadCode({ ...json, rows: [[-1, 1, 0, 0, 0]] })).toBe('invalid_input');
    expect(loadCode({ ...json, settings: { ...json.settings, labels: ['a'] } })).toBe(
      'invalid_input',
    );
  });
});
