import { GuardloopError } from '@guardloop/core';
import { APICallError } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createModelClassifier } from './create-model-classifier';

const labels = ['password_reset', 'billing_refund', 'shipping_status'] as const;

function respond(text: string) {
  return {
    content: [{ type: 'text' as const, text }],
    finishReason: { unified: 'stop' as const, raw: undefined },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    },
    warnings: [],
  };
}

function promptText(model: MockLanguageModelV4): string {
  return JSON.stringify(model.doGenerateCalls[0]?.prompt);
}

describe('createModelClassifier', () => {
  it('returns the label and confidence the model chose, validated by the schema', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: respond('{"label":"billing_refund","confidence":0.92}'),
    });
    const classifier = createModelClassifier({
      model,
      labels,
      descriptions: { billing_refund: 'Money back for a charge' },
    });
    await expect(classifier.classify('I was charged twice')).resolves.toEqual({
      label: 'billing_refund',
      confidence: 0.92,
      scores: { billing_refund: 0.92 },
      abstained: false,
      classifier: 'model',
    });
    const call = model.doGenerateCalls[0];
    expect(call?.responseFormat).toMatchObject({ type: 'json' });
    expect(JSON.stringify(call?.responseFormat)).toContain('shipping_status');
    expect(promptText(model)).toContain('billing_refund: Money back for a charge');
    expect(promptText(model)).toContain('I was charged twice');
  });

  it('abstains below its floor', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: respond('{"label":"shipping_status","confidence":0.2}'),
    });
    const result = await createModelClassifier({ model, labels, floor: 0.5 }).classify(
      'tell me a joke',
    );
    expect(result).toMatchObject({ label: 'shipping_status', abstained: true });
  });

  it('rejects a label outside the set with model_classification_failed', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: respond('{"label":"order_pizza","confidence":0.99}'),
    });
    const error = await createModelClassifier({ model, labels })
      .classify('pizza please')
      .catch((caught) => caught);
    expect(GuardloopError.hasCode(error, 'model_classification_failed')).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.cause).toBeDefined();
  });

  it('marks provider errors retryable when the provider says so', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({
          message: 'rate limited',
          url: 'https://example.test',
          requestBodyValues: {},
          statusCode: 429,
          isRetryable: true,
        });
      },
    });
    const error = await createModelClassifier({ model, labels, maxRetries: 0 })
      .classify('hello')
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'model_classification_failed', isRetryable: true });
  });

  it('redacts personal data before the text reaches the model when asked', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: respond('{"label":"billing_refund","confidence":0.8}'),
    });
    await createModelClassifier({ model, labels, redactPii: true }).classify(
      'Refund to jo@example.com please',
    );
    expect(promptText(model)).toContain('Refund to [EMAIL] please');
    expect(promptText(model)).not.toContain('jo@example.com');
  });

  it('validates text before calling the model and honours the abort signal', async () => {
    const model = new MockLanguageModelV4({ doGenerate: respond('{}') });
    const classifier = createModelClassifier({ model, labels, maxLength: 10 });
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error) => (error as { code?: string }).code,
      );
    expect(await codeOf(classifier.classify(''))).toBe('empty_text');
    expect(await codeOf(classifier.classify('x'.repeat(11)))).toBe('text_too_long');
    expect(await codeOf(classifier.classify(7 as unknown as string))).toBe('invalid_input');
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(classifier.classify('hello', { abortSignal: controller.signal })).rejects.toThrow(
      'cancelled',
    );
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('rejects with the abort reason when aborted during the call', async () => {
    const controller = new AbortController();
    const reason = new Error('too slow');
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        controller.abort(reason);
        throw options.abortSignal?.reason ?? new Error('no signal');
      },
    });
    await expect(
      createModelClassifier({ model, labels, maxRetries: 0 }).classify('hi', {
        abortSignal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });

  it('rejects malformed options with invalid_input', () => {
    const codeOf = (options: unknown) => {
      try {
        createModelClassifier(options as never);
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    const model = new MockLanguageModelV4();
    expect(codeOf({ model, labels: ['one'] })).toBe('invalid_input');
    expect(codeOf({ model, labels, floor: 1.5 })).toBe('invalid_input');
    expect(codeOf({ labels })).toBe('invalid_input');
    expect(codeOf({ model, labels, timeoutMs: 0 })).toBe('invalid_input');
    expect(codeOf({ model, labels, clock: { now: () => 0 } })).toBe('invalid_input');
  });
});
