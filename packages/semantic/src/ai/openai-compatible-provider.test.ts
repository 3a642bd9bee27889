import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createManualClock, GuardloopError } from '@guardloop/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatCompletionsServer,
  type ServerReply,
  startChatCompletionsServer,
} from '../../../../scripts/test-support/chat-completions-server';
import { createCascadeClassifier } from '../cascade/create-cascade-classifier';
import { createLocalClassifier } from '../local/create-local-classifier';
import { toyExamples, toyLabels } from '../local/toy-examples.fixture';
import { intentRail } from '../rails/intent-rail';
import { options, railContext } from '../rails/rail-context.fixture';
import { createModelClassifier, type ModelClassifierOptions } from './create-model-classifier';
import { ModelClassificationError } from './model-classification-error';

// The model classifier and the cascade driven through a real provider package, against a local
// server speaking the OpenAI chat-completions wire format, faults included.

let server: ChatCompletionsServer;
beforeAll(async () => {
  server = await startChatCompletionsServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const answer = (content: unknown): ServerReply => ({
  type: 'content',
  content: typeof content === 'string' ? content : JSON.stringify(content),
});

function modelClassifier(extra: Partial<ModelClassifierOptions<(typeof toyLabels)[number]>> = {}) {
  const provider = createOpenAICompatible({
    baseURL: server.baseURL,
    name: 'local-test',
    apiKey: 'test-key',
    supportsStructuredOutputs: true,
  });
  return createModelClassifier({
    model: provider.chatModel('test-model'),
    labels: toyLabels,
    maxRetries: 0,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<ModelClassificationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (caught: unknown) => caught,
  );
  expect(ModelClassificationError.isInstance(error)).toBe(true);
  return error as ModelClassificationError;
}

describe('model classifier over @ai-sdk/openai-compatible', () => {
  it('sends the label schema as json_schema and reads the structured answer', async () => {
    server.reply(answer({ label: 'billing_refund', confidence: 0.91 }));
    const result = await modelClassifier({ redactPii: true }).classify(
      'Charged twice, refund to jo@example.com',
    );
    expect(result).toEqual({
      label: 'billing_refund',
      confidence: 0.91,
      scores: { billing_refund: 0.91 },
      abstained: false,
      classifier: 'model',
    });
    const [request] = server.requests;
    expect(request).toMatchObject({
      model: 'test-model',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'classification',
          schema: { properties: { label: { enum: [...toyLabels] } } },
        },
      },
    });
    expect(JSON.stringify(request)).toContain('Charged twice, refund to [EMAIL]');
    expect(JSON.stringify(request)).not.toContain('jo@example.com');
  });

  it('429 with retry-after: rate_limited, retryable, with the delay the provider asked for', async () => {
    server.reply({ type: 'status', status: 429, headers: { 'retry-after': '2' } });
    const error = await failure(modelClassifier().classify('refund please'));
    expect(error).toMatchObject({
      code: 'model_classification_failed',
      reason: 'rate_limited',
      isRetryable: true,
      statusCode: 429,
      retryAfterMs: 2000,
    });
    expect(error.message).toContain('rate_limited, HTTP 429, retry after 2000 ms');
  });

  it('stays rate_limited and retryable after the SDK has used up its retries', async () => {
    server.reply({ type: 'status', status: 429, headers: { 'retry-after-ms': '0' } });
    const error = await failure(modelClassifier({ maxRetries: 1 }).classify('refund please'));
    expect(error).toMatchObject({ reason: 'rate_limited', isRetryable: true, statusCode: 429 });
    expect(server.requests).toHaveLength(2);
  });

  it('500: provider_error, retryable', async () => {
    server.reply({ type: 'status', status: 500 });
    const error = await failure(modelClassifier().classify('refund please'));
    expect(error).toMatchObject({ reason: 'provider_error', isRetryable: true, statusCode: 500 });
  });

  it('a body that is not the API response: provider_error, not retryable', async () => {
    server.reply({ type: 'raw', body: '<html>maintenance</html>' });
    const error = await failure(modelClassifier().classify('refund please'));
    expect(error).toMatchObject({ reason: 'provider_error', isRetryable: false });
  });

  it('a completion without choices: provider_error; a message without content: malformed_output', async () => {
    server.reply({ type: 'raw', body: '{"choices":[]}' });
    const empty = await failure(modelClassifier().classify('refund please'));
    expect(empty).toMatchObject({ reason: 'provider_error', isRetryable: false });
    server.reply({ type: 'raw', body: '{"choices":[{"message":{"content":null}}]}' });
    const silent = await failure(modelClassifier().classify('refund please'));
    expect(silent).toMatchObject({ reason: 'malformed_output', isRetryable: false });
  });

  it('a server that never answers: the timeout ends the call (manual clock, no sleeping)', async () => {
    server.reply({ type: 'hang' });
    const clock = createManualClock();
    const pending = failure(modelClassifier({ clock, timeoutMs: 5000 }).classify('refund please'));
    await server.received(1);
    clock.advance(5000);
    const error = await pending;
    expect(error).toMatchObject({ reason: 'timeout', isRetryable: true });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a caller abort while the server hangs rejects with the caller reason, unwrapped', async () => {
    server.reply({ type: 'hang' });
    const controller = new AbortController();
    const reason = new Error('rail timed out');
    const pending = modelClassifier({ clock: createManualClock() }).classify('refund please', {
      abortSignal: controller.signal,
    });
    await server.received(1);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it.each([
    ['prose instead of JSON', 'Sure! It is a refund.'],
    ['a missing confidence', { label: 'billing_refund' }],
    ['a confidence out of range', { label: 'billing_refund', confidence: 7 }],
    ['an empty answer', ''],
  ])(
    'malformed structured output (%s): malformed_output, not retryable',
    async (_name, content) => {
      server.reply(answer(content));
      const error = await failure(modelClassifier().classify('refund please'));
      expect(error).toMatchObject({ reason: 'malformed_output', isRetryable: false });
    },
  );

  it('a label outside the set: label_outside_set, not retryable', async () => {
    server.reply(answer({ label: 'order_pizza', confidence: 0.99 }));
    const error = await failure(modelClassifier().classify('pizza please'));
    expect(error).toMatchObject({ reason: 'label_outside_set', isRetryable: false });
  });

  it('an unreachable provider: network_error, retryable', async () => {
    const gone = await startChatCompletionsServer();
    await gone.close();
    const provider = createOpenAICompatible({ baseURL: gone.baseURL, name: 'gone' });
    const classifier = createModelClassifier({
      model: provider.chatModel('m'),
      labels: toyLabels,
      maxRetries: 0,
    });
    const error = await failure(classifier.classify('refund please'));
    expect(error).toMatchObject({ reason: 'network_error', isRetryable: true });
  });
});

describe('cascade and intent rail over the real provider', () => {
  const local = createLocalClassifier({ labels: toyLabels, examples: toyExamples });
  const unsure = 'Who painted the Mona Lisa?';
  const allowed = ['billing_refund', 'shipping_status', 'password_reset'];

  it('answers confident texts locally, sends unsure ones to the provider', async () => {
    server.reply(answer({ label: 'shipping_status', confidence: 0.2 }));
    const cascade = createCascadeClassifier({ local, model: modelClassifier() });
    expect((await cascade.classify('please reset my password')).classifier).toBe('local');
    expect(server.requests).toHaveLength(0);
    const result = await cascade.classify(unsure);
    expect(result).toMatchObject({ classifier: 'model', abstained: true });
    expect(server.requests).toHaveLength(1);
    // The model's low confidence makes the rail escalate, not allow.
    const rail = intentRail({ allowed, classifier: cascade });
    await expect(rail.evaluate(railContext(unsure), options)).resolves.toMatchObject({
      verdict: 'escalate',
    });
  });

  const faults: Array<[string, ServerReply, string]> = [
    ['429', { type: 'status', status: 429, headers: { 'retry-after': '1' } }, 'rate_limited'],
    ['500', { type: 'status', status: 500 }, 'provider_error'],
    ['malformed output', answer('{"label": "billing_refund", "confidence": '), 'malformed_output'],
    [
      'a label outside the set',
      answer({ label: 'refund_everything', confidence: 1 }),
      'label_outside_set',
    ],
  ];

  it.each(faults)(
    '%s: the cascade rejects with the reason, the rail escalates',
    async (_name, reply, reason) => {
      server.reply(reply);
      const cascade = createCascadeClassifier({ local, model: modelClassifier() });
      const error = await failure(cascade.classify(unsure));
      expect(error.reason).toBe(reason);
      const verdict = await intentRail({ allowed, classifier: cascade }).evaluate(
        railContext(unsure),
        options,
      );
      expect(verdict).toEqual({
        verdict: 'escalate',
        reason: `Intent classifier failed (model_classification_failed: ${reason}).`,
        evidence: { error: { code: 'model_classification_failed', reason } },
      });
      expect(cascade.stats()).toMatchObject({ modelCalls: 2, localAnswers: 0 });
    },
  );

  it('a hanging provider: the classifier timeout makes the rail escalate', async () => {
    server.reply({ type: 'hang' });
    const clock = createManualClock();
    const cascade = createCascadeClassifier({
      local,
      model: modelClassifier({ clock, timeoutMs: 1000 }),
    });
    const pending = intentRail({ allowed, classifier: cascade }).evaluate(
      railContext(unsure),
      options,
    );
    await server.received(1);
    clock.advance(1000);
    await expect(pending).resolves.toMatchObject({
      verdict: 'escalate',
      reason: 'Intent classifier failed (model_classification_failed: timeout).',
    });
    expect(
      GuardloopError.isInstance(new ModelClassificationError({ cause: 'x', isRetryable: false })),
    ).toBe(true);
  });
});
