import { createSignal, type Signal } from '@guardloop/core';
import type { PlaybookInput } from '../playbook/playbook-schema';

export const at = Date.UTC(2026, 0, 5, 12);

export function ticket(payload: Record<string, unknown> = {}, occurredAt = at): Signal {
  return createSignal({
    source: 'zendesk',
    kind: 'ticket',
    payload: { accountId: 'acc-42', email: 'ana@example.com', ...payload },
    occurredAt,
    receivedAt: occurredAt,
    traceId: 'T-1',
    id: 'S-1',
  });
}

export const playbook: PlaybookInput = {
  id: 'helpdesk',
  entries: [
    {
      intent: 'password_reset',
      candidates: [
        {
          id: 'reset-link',
          title: 'Send a password reset link',
          action: {
            name: 'send_reset_link',
            input: { accountId: '{{payload.accountId}}', note: 'for {{payload.email}}' },
            resource: 'account:{{payload.accountId}}',
          },
        },
        {
          id: 'reset-macro',
          title: 'Reply with the reset macro',
          references: [{ kind: 'macro', id: 'macro-reset-v2' }],
        },
        { id: 'to-identity', title: 'Route to identity', route: { queue: 'identity' } },
      ],
    },
    {
      intent: 'password_reset',
      segment: 'enterprise',
      candidates: [{ id: 'sso-admin', title: 'Ask the SSO admin', route: { queue: 'enterprise' } }],
    },
  ],
};

export function loopInput(signal: Signal, label = 'password_reset', extra: object = {}) {
  return {
    traceId: signal.traceId,
    signal,
    actor: { id: 'system', type: 'system' as const, roles: [] },
    attributes: {},
    intent: { label, confidence: 0.9, abstained: false },
    hypotheses: [],
    ...extra,
  };
}
