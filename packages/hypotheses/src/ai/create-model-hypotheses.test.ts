import { createManualClock, GuardloopError } from '@guardloop/core';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { correlate } from '../correlate/correlate';
import { createPlaybookHypotheses } from '../create-playbook-hypotheses';
import { at, loopInput, playbook, ticket } from '../test-support/fixtures';
import { createModelHypotheses, type ModelHypothesesOptions } from './create-model-hypotheses';
import { ModelHypothesesError } from './model-hypotheses-error';

const actions = ['send_reset_link', 'unlock_account'] as const;

function respond(value: unknown) {
  return {
    content: [
      { type: 'text' as const, text: typeof value === 'string' ? value : JSON.stringify(value) },
    ],
    finishReason: { unified: 'stop' as const, raw: undefined },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    },
    warnings: [],
  };
}

const answer = {
  reasoning: 'The customer asks for a reset and the account exists.',
  hypotheses: [
    { title: 'Route to identity', rationale: 'Could be SSO', confidence: 0.4, action: null },
    {
      title: 'Customer forgot the password',
      rationale: 'Asks for a reset link',
      confidence: 0.9,
      action: { name: 'send_reset_link', input: { accountId: 'acc-42' } },
    },
  ],
};

const fallback = createPlaybookHypotheses({ playbook, random: () => 0.5 });

function step(model: MockLanguageModelV4, extra: Partial<ModelHypothesesOptions> = {}) {
  return createModelHypotheses({ model, actions, maxRetries: 0, ...extra });
}

const promptOf = (model: MockLanguageModelV4) => JSON.stringify(model.doGenerateCalls[0]?.prompt);

describe('createModelHypotheses', () => {
  it('turns a valid answer into ranked hypotheses, the reasoning kept as evidence', async () => {
    const model = new MockLanguageModelV4({ doGenerate: respond(answer) });
    const hypotheses = await step(model, {
      descriptions: { send_reset_link: 'E-mails a reset link; input { accountId }' },
    })(loopInput(ticket()));
    expect(hypotheses).toEqual([
      {
        id: 'model/1',
        title: 'Customer forgot the password',
        rationale: 'Asks for a reset link',
        confidence: 0.9,
        evidence: [
          { source: 'model', path: 'reasoning', value: answer.reasoning, note: 'model reasoning' },
        ],
        action: { name: 'send_reset_link', input: { accountId: 'acc-42' }, dryRun: false },
      },
      {
        id: 'model/2',
        title: 'Route to identity',
        rationale: 'Could be SSO',
        confidence: 0.4,
        evidence: [
          { source: 'model', path: 'reasoning', value: answer.reasoning, note: 'model reasoning' },
        ],
      },
    ]);
    const call = model.doGenerateCalls[0];
    expect(call?.responseFormat).toMatchObject({ type: 'json' });
    expect(JSON.stringify(call?.responseFormat)).toContain('unlock_account');
    expect(promptOf(model)).toContain('send_reset_link: E-mails a reset link');
    expect(promptOf(model)).toContain('password_reset');
    expect(promptOf(model)).toContain('acc-42');
  });

  it('redacts personal data by default, and with a custom redact or none when asked', async () => {
    const model = new MockLanguageModelV4({ doGenerate: respond(answer) });
    await step(model)(loopInput(ticket()));
    expect(promptOf(model)).toContain('[EMAIL]');
    expect(promptOf(model)).not.toContain('ana@example.com');

    const custom = new MockLanguageModelV4({ doGenerate: respond(answer) });
    await step(custom, { redact: (text) => text.replaceAll('acc-42', '[ACCOUNT]') })(
      loopInput(ticket()),
    );
    expect(promptOf(custom)).toContain('[ACCOUNT]');
    expect(promptOf(custom)).not.toContain('acc-42');

    // Only strings are redacted: a timestamp or a numeric id is not taken for a phone number.
    const numbers = new MockLanguageModelV4({ doGenerate: respond(answer) });
    await step(numbers)(loopInput(ticket({ orderNumber: 4155550100, phone: '+1 415 555 0100' })));
    expect(promptOf(numbers)).toContain('2026-01-05T12:00:00.000Z');
    expect(promptOf(numbers)).toContain('4155550100');
    expect(promptOf(numbers)).not.toContain('415 555 0100');
    expect(promptOf(numbers)).toContain('[PHONE]');

    const raw = new MockLanguageModelV4({ doGenerate: respond(answer) });
    await step(raw, { redact: false })(loopInput(ticket()));
    expect(promptOf(raw)).toContain('ana@example.com');
  });

  it('puts the correlation evidence in the prompt and in every hypothesis', async () => {
    const model = new MockLanguageModelV4({ doGenerate: respond(answer) });
    const hypotheses = await step(model, {
      correlation: ({ signal }) =>
        correlate({
          signal,
          windowMs: 60 * 60_000,
          changes: [{ id: 'deploy-7', kind: 'deploy', at: at - 10 * 60_000 }],
        }),
    })(loopInput(ticket()));
    expect(promptOf(model)).toContain('deploy-7');
    expect(promptOf(model)).toContain('no_metric_shift');
    expect(hypotheses[0]?.evidence.map((item) => item.note)).toContain('no supporting telemetry');
  });

  it('keeps at most maxHypotheses, most confident first', async () => {
    const model = new MockLanguageModelV4({ doGenerate: respond(answer) });
    const hypotheses = await step(model, { maxHypotheses: 1 })(loopInput(ticket()));
    expect(hypotheses.map((item) => item.title)).toEqual(['Customer forgot the password']);
  });

  it.each([
    ['invalid output', respond('not json at all'), 'malformed_output'],
    [
      'an unknown action',
      respond({
        ...answer,
        hypotheses: [{ ...answer.hypotheses[1], action: { name: 'delete_account', input: {} } }],
      }),
      'action_outside_set',
    ],
  ])('%s: falls back to the playbook, the reason in evidence', async (_name, reply, reason) => {
    const model = new MockLanguageModelV4({ doGenerate: reply });
    const hypotheses = await step(model, { fallback })(loopInput(ticket()));
    expect(hypotheses.map((item) => item.id)).toContain('password_reset/reset-link');
    for (const hypothesis of hypotheses) {
      expect(hypothesis.evidence.at(-1)).toMatchObject({ source: 'model.fallback', value: reason });
    }
  });

  it('rejects with ModelHypothesesError and the reason when there is no fallback', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: respond({
        reasoning: 'x',
        hypotheses: [{ ...answer.hypotheses[1], action: { name: 'delete_account', input: {} } }],
      }),
    });
    const error = await step(model)(loopInput(ticket())).catch((caught) => caught);
    expect(ModelHypothesesError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'model_hypotheses_failed',
      reason: 'action_outside_set',
      isRetryable: false,
    });
  });

  it('a model that throws: falls back', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error('provider exploded');
      },
    });
    const hypotheses = await step(model, { fallback })(loopInput(ticket()));
    expect(hypotheses[0]?.evidence.at(-1)).toMatchObject({
      source: 'model.fallback',
      value: 'unknown',
    });
    expect(hypotheses[0]?.evidence.at(-1)?.note).toContain('provider exploded');
  });

  it('a model that never answers: the timeout aborts it and the fallback answers', async () => {
    const clock = createManualClock();
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason));
        }),
    });
    const pending = step(model, { fallback, clock, timeoutMs: 5000 })(loopInput(ticket()));
    await waitUntil(() => model.doGenerateCalls.length === 1);
    clock.advance(5000);
    const hypotheses = await pending;
    expect(hypotheses[0]?.evidence.at(-1)).toMatchObject({ value: 'timeout' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a caller abort rejects with its reason and does not fall back', async () => {
    const controller = new AbortController();
    const reason = new Error('loop cancelled');
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        controller.abort(reason);
        throw options.abortSignal?.reason ?? new Error('no signal');
      },
    });
    let fellBack = false;
    await expect(
      step(model, {
        fallback: () => {
          fellBack = true;
          return [];
        },
      })(loopInput(ticket()), { abortSignal: controller.signal }),
    ).rejects.toBe(reason);
    expect(fellBack).toBe(false);
  });

  it('rejects malformed options and step input with invalid_input', async () => {
    const codeOf = (options: unknown) => {
      try {
        createModelHypotheses(options as never);
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    const model = new MockLanguageModelV4();
    expect(codeOf({ model, actions: [] })).toBe('invalid_input');
    expect(codeOf({ model, actions: ['a', 'a'] })).toBe('invalid_input');
    expect(codeOf({ actions })).toBe('invalid_input');
    expect(codeOf({ model, actions, timeoutMs: 0 })).toBe('invalid_input');
    expect(codeOf({ model, actions, redact: true })).toBe('invalid_input');
    expect(codeOf({ model, actions, fallback: 'playbook' })).toBe('invalid_input');
    expect(codeOf({ model, actions, unknownOption: 1 })).toBe('invalid_input');
    const catalog = {
      describeAction: (name: string) =>
        name === 'send_reset_link' ? { reversible: true } : undefined,
    };
    expect(codeOf({ model, actions, catalog })).toBe('invalid_input');
    expect(codeOf({ model, actions: ['send_reset_link'], catalog })).toBeUndefined();
    const error = await step(model)({ signal: 'nope' } as never).catch((caught) => caught);
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(0);
  });
});

async function waitUntil(condition: () => boolean) {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
