import { createLoop, type LoopSteps } from '@guardloop/core';
import { expect, it } from 'vitest';
import { correlate, createPlaybookHypotheses, definePlaybook } from './index';

// The README's example, kept running.
it('runs the README example', async () => {
  const actions = {
    describeAction: (name: string) =>
      name === 'send_reset_link' ? { reversible: true } : undefined,
  };
  const playbook = definePlaybook(
    {
      entries: [
        {
          intent: 'password_reset',
          candidates: [
            {
              id: 'reset-link',
              title: 'Send a password reset link',
              action: {
                name: 'send_reset_link',
                input: { accountId: '{{payload.accountId}}' },
                resource: 'account:{{payload.accountId}}',
              },
            },
            {
              id: 'reset-macro',
              title: 'Reply with the reset macro',
              references: [{ kind: 'macro', id: 'macro-reset-v2' }],
            },
          ],
        },
      ],
    },
    { actions, intents: ['password_reset', 'billing'] },
  );
  const proposeHypotheses: LoopSteps['proposeHypotheses'] = createPlaybookHypotheses({
    playbook,
    outcomes: {
      candidateStats: () => ({
        'reset-link': { trials: 47, successes: 41, reviews: 10, overrides: 1 },
      }),
    },
  });
  const loop = createLoop({
    steps: {
      classifyIntent: () => ({ label: 'password_reset', confidence: 0.93 }),
      proposeHypotheses,
      act: (input) => ({ sent: input.hypothesis?.action?.input }),
    },
    rails: [],
    actions,
  });
  const result = await loop.handle(
    { source: 'zendesk', kind: 'ticket', payload: { accountId: 'acc-42' } },
    { actor: { id: 'assistant', type: 'ai' } },
  );
  expect([result.status, result.hypothesis?.id]).toEqual(['acted', 'password_reset/reset-link']);
  expect(result.actionResult).toEqual({ sent: { accountId: 'acc-42' } });
  expect(result.hypothesis?.evidence[1]?.note).toBe(
    'resolved 41 of 47 similar tickets without reopen',
  );

  const now = Date.UTC(2026, 0, 5, 12);
  const grounding = correlate({
    signal: { ...result.signal, occurredAt: now, payload: { service: 'checkout' } },
    windowMs: 60 * 60_000,
    changes: [{ id: 'deploy-7', kind: 'deploy', at: now - 30 * 60_000, service: 'checkout' }],
    metrics: [
      {
        name: 'checkout.p95_ms',
        service: 'checkout',
        points: Array.from({ length: 120 }, (_, index) => ({
          at: now - (120 - index) * 60_000,
          value: index >= 90 ? 400 + (index % 3) : 100 + (index % 3),
        })),
      },
    ],
  });
  expect([grounding.grounded, grounding.explanations[0]?.change.id]).toEqual([true, 'deploy-7']);
});
