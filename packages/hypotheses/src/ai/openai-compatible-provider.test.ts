import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createLoop, createManualClock } from '@guardloop/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatCompletionsServer,
  type ServerReply,
  startChatCompletionsServer,
} from '../../../../scripts/test-support/chat-completions-server';
import { createPlaybookHypotheses } from '../create-playbook-hypotheses';
import { loopInput, playbook, ticket } from '../test-support/fixtures';
import { createModelHypotheses, type ModelHypothesesOptions } from './create-model-hypotheses';
import { ModelHypothesesError } from './model-hypotheses-error';

// The model step driven through a real provider package, against a local server speaking the
// OpenAI chat-completions wire format, faults included.

let server: ChatCompletionsServer;
beforeAll(async () => {
  server = await startChatCompletionsServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const actions = ['send_reset_link', 'unlock_account'];
const answer = (content: unknown): ServerReply => ({
  type: 'content',
  content: typeof content === 'string' ? content : JSON.stringify(content),
});
const valid = {
  reasoning: 'A reset request for an existing account.',
  hypotheses: [
    {
      title: 'Customer forgot the password',
      rationale: 'Asks for a reset link',
      confidence: 0.85,
      action: { name: 'send_reset_link', input: { accountId: 'acc-42' } },
    },
  ],
};
const fallback = createPlaybookHypotheses({ playbook, random: () => 0.5 });

function modelStep(extra: Partial<ModelHypothesesOptions> = {}) {
  const provider = createOpenAICompatible({
    baseURL: server.baseURL,
    name: 'local-test',
    apiKey: 'test-key',
    supportsStructuredOutputs: true,
  });
  return createModelHypotheses({
    model: provider.chatModel('test-model'),
    actions,
    maxRetries: 0,
    ...extra,
  });
}

describe('model hypotheses over @ai-sdk/openai-compatible', () => {
  it('sends the schema with the action enum, the redacted context, and reads the answer', async () => {
    server.reply(answer(valid));
    const hypotheses = await modelStep()(loopInput(ticket()));
    expect(hypotheses).toMatchObject([
      {
        id: 'model/1',
        confidence: 0.85,
        action: { name: 'send_reset_link', input: { accountId: 'acc-42' } },
        evidence: [{ source: 'model', path: 'reasoning', value: valid.reasoning }],
      },
    ]);
    const [request] = server.requests;
    expect(request).toMatchObject({
      model: 'test-model',
      response_format: { type: 'json_schema', json_schema: { name: 'hypotheses' } },
    });
    expect(JSON.stringify(request?.response_format)).toContain(
      JSON.stringify({ type: 'string', enum: actions }),
    );
    expect(JSON.stringify(request)).toContain('[EMAIL]');
    expect(JSON.stringify(request)).not.toContain('ana@example.com');
  });

  it.each<[string, ServerReply, string]>([
    ['429', { type: 'status', status: 429 }, 'rate_limited'],
    ['500', { type: 'status', status: 500 }, 'provider_error'],
    ['prose instead of JSON', answer('Sure, reset it.'), 'malformed_output'],
    [
      'an unregistered action',
      answer({
        ...valid,
        hypotheses: [{ ...valid.hypotheses[0], action: { name: 'drop_db', input: {} } }],
      }),
      'action_outside_set',
    ],
  ])('%s: falls back to the playbook with reason %s', async (_name, reply, reason) => {
    server.reply(reply);
    const hypotheses = await modelStep({ fallback })(loopInput(ticket()));
    expect(hypotheses[0]?.id).toMatch(/^password_reset\//);
    expect(hypotheses[0]?.evidence.at(-1)).toMatchObject({
      source: 'model.fallback',
      value: reason,
    });
  });

  it('without a fallback the step rejects with the reason', async () => {
    server.reply({ type: 'status', status: 500 });
    const error = await modelStep()(loopInput(ticket())).catch((caught) => caught);
    expect(ModelHypothesesError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'provider_error', statusCode: 500, isRetryable: true });
  });

  it('a 429 with retry-after: rate_limited, retryable, with the delay the provider asked for', async () => {
    server.reply({ type: 'status', status: 429, headers: { 'retry-after': '2' } });
    const error = await modelStep()(loopInput(ticket())).catch((caught) => caught);
    expect(ModelHypothesesError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'rate_limited',
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: 2000,
    });
  });

  it('a server that never answers: the timeout ends the call and the playbook answers', async () => {
    server.reply({ type: 'hang' });
    const clock = createManualClock();
    const pending = modelStep({ clock, timeoutMs: 5000, fallback })(loopInput(ticket()));
    await server.received(1);
    clock.advance(5000);
    const hypotheses = await pending;
    expect(hypotheses[0]?.evidence.at(-1)).toMatchObject({ value: 'timeout' });
  });

  it('is a ready proposeHypotheses step for createLoop', async () => {
    server.reply(answer(valid));
    const loop = createLoop({
      steps: {
        classifyIntent: () => ({ label: 'password_reset', confidence: 0.93 }),
        proposeHypotheses: modelStep({ fallback }),
        act: (input) => ({ sent: input.hypothesis?.action?.input }),
      },
      rails: [],
      actions: { describeAction: () => ({ reversible: true }) },
    });
    const result = await loop.handle(
      { source: 'zendesk', kind: 'ticket', payload: { accountId: 'acc-42' } },
      { actor: { id: 'assistant', type: 'ai' } },
    );
    expect(result.status).toBe('acted');
    expect(result.hypothesis?.id).toBe('model/1');
  });
});
