import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createLocalClassifier } from './create-local-classifier';
import { toyExamples, toyLabels } from './toy-examples.fixture';

const trained = () => createLocalClassifier({ labels: toyLabels, examples: toyExamples });

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return GuardloopError.isInstance(error) ? error.code : 'not a guardloop error';
  }
  return undefined;
}

describe('createLocalClassifier', () => {
  it('labels in-scope texts it was not trained on, typos included', async () => {
    const classifier = trained();
    await expect(
      classifier.classify('I forgot my pasword, please reset it'),
    ).resolves.toMatchObject({ label: 'password_reset', abstained: false, classifier: 'local' });
    expect((await classifier.classify('where is my package?')).label).toBe('shipping_status');
    expect((await classifier.classify('refund the charge please')).label).toBe('billing_refund');
  });

  it('reports a probability for every label, summing to 1, and confidence in 0..1', async () => {
    const result = await trained().classify('my order is late');
    expect(Object.keys(result.scores).sort()).toEqual([...toyLabels].sort());
    const sum = Object.values(result.scores).reduce((total, score) => total + score, 0);
    expect(sum).toBeCloseTo(1, 6);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('knows when it does not know: unseen vocabulary abstains, keeping the best guess', async () => {
    const classifier = trained();
    for (const text of ['What is the capital of Australia?', 'zxqv kjhg wplm', 'tell me a joke']) {
      const result = await classifier.classify(text);
      expect(result.abstained).toBe(true);
      expect(result.confidence).toBeLessThan(classifier.floor);
      expect(toyLabels).toContain(result.label);
    }
  });

  it('abstains on everything before it is trained', async () => {
    const classifier = createLocalClassifier({ labels: toyLabels });
    expect(classifier.documentCount).toBe(0);
    await expect(classifier.classify('reset my password')).resolves.toMatchObject({
      abstained: true,
      confidence: 0,
    });
  });

  it('learn() corrects a recorded outcome: the next answer for that text changes', async () => {
    const classifier = trained();
    const text = 'I need the receipt for my parcel refund';
    const before = await classifier.classify(text);
    const corrected = before.label === 'shipping_status' ? 'billing_refund' : 'shipping_status';
    classifier.learn({ text, label: corrected });
    expect((await classifier.classify(text)).label).toBe(corrected);
    expect(classifier.documentCount).toBe(toyExamples.length + 1);
  });

  it('is deterministic: same data and seed, same answers', async () => {
    const [first, second] = [trained(), trained()];
    const text = 'package refund password';
    expect(await first.classify(text)).toEqual(await second.classify(text));
  });

  it('rejects bad text with typed errors', async () => {
    const classifier = trained();
    expect(await rejectionCode(classifier.classify(42 as unknown as string))).toBe('invalid_input');
    expect(await rejectionCode(classifier.classify('   '))).toBe('empty_text');
    const small = createLocalClassifier({ labels: toyLabels, maxLength: 10 });
    expect(await rejectionCode(small.classify('a much longer text'))).toBe('text_too_long');
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(trained().classify('hello', { abortSignal: controller.signal })).rejects.toBe(
      reason,
    );
  });

  it('rejects malformed training examples and unknown labels', () => {
    const classifier = createLocalClassifier({ labels: toyLabels });
    const codeOf = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf(() => classifier.learn({ text: 'x', label: 'nope' as 'password_reset' }))).toBe(
      'unknown_label',
    );
    expect(codeOf(() => classifier.learn({ label: 'password_reset' } as never))).toBe(
      'invalid_input',
    );
    expect(codeOf(() => classifier.learn({ text: '', label: 'password_reset' }))).toBe(
      'empty_text',
    );
    expect(codeOf(() => classifier.train('nope' as never))).toBe('invalid_input');
    // A batch is validated before any of it is learned.
    expect(
      codeOf(() =>
        classifier.train([...toyExamples, { text: 'bad', label: 'unknown' as 'password_reset' }]),
      ),
    ).toBe('unknown_label');
    expect(classifier.documentCount).toBe(0);
  });

  it('rejects malformed options with invalid_input', () => {
    const codeOf = (options: unknown) => {
      try {
        createLocalClassifier(options as never);
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf({ labels: ['only_one'] })).toBe('invalid_input');
    expect(codeOf({ labels: ['a', 'a'] })).toBe('invalid_input');
    expect(codeOf({ labels: ['a', 'b'], floor: 2 })).toBe('invalid_input');
    expect(codeOf(null)).toBe('invalid_input');
  });
});
