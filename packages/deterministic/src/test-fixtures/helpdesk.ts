import type { RailContext } from '@guardloop/core';
import { z } from 'zod';
import type { RbacPolicyInput } from '../rbac/rbac-policy-schema';
import type { PolicyRuleInput } from '../rules/policy-rule-schema';

/** A realistic helpdesk set-up shared by the integration test and the benchmark. */
export const refundRequestSchema = z.object({
  name: z.literal('refund'),
  input: z.object({
    amount: z.number().positive().max(10_000),
    currency: z.enum(['EUR', 'USD', 'GBP']),
    reason: z.string().min(3).max(500),
  }),
  resource: z.string().startsWith('invoice:'),
  reversible: z.boolean(),
});

export const helpdeskPolicy: RbacPolicyInput = {
  actions: ['read_ticket', 'reply', 'refund', 'reset_password', 'close_account', 'export_data'],
  roles: {
    viewer: { allow: [{ action: 'read_ticket' }] },
    'support-agent': {
      inherits: ['viewer'],
      allow: [
        { action: 'reply' },
        { action: 'refund', resource: 'invoice:*' },
        { action: 'reset_password', resource: 'account:*' },
      ],
      deny: [{ action: 'refund', resource: 'invoice:vip-*' }],
    },
    supervisor: { inherits: ['support-agent'], allow: [{ action: '*' }], actorTypes: ['human'] },
    'ai-agent': {
      actorTypes: ['ai'],
      inherits: ['viewer'],
      allow: [
        { action: 'reply' },
        { action: 'refund', resource: 'invoice:*' },
        { action: 'reset_password', resource: 'account:*' },
      ],
      deny: [{ action: 'close_account' }, { action: 'export_data' }],
    },
    suspended: { deny: [{ action: '*' }] },
  },
};

export const helpdeskRules: PolicyRuleInput[] = [
  {
    id: 'high-value-refund',
    version: 3,
    description: 'Refunds over 500 EUR need a human.',
    verdict: 'escalate',
    when: {
      and: [
        { '==': [{ var: 'action.name' }, 'refund'] },
        { '>': [{ var: 'action.input.amount' }, 500] },
      ],
    },
  },
  {
    id: 'unsure-intent',
    version: 1,
    description: 'The intent classifier is not sure enough to act.',
    verdict: 'escalate',
    when: { '<': [{ var: ['intent.confidence', 0] }, 0.7] },
  },
  {
    id: 'no-ai-refund-to-enterprise',
    version: 2,
    description: 'The AI may not refund enterprise customers; their account manager does.',
    verdict: 'deny',
    when: {
      and: [
        { '==': [{ var: 'actor.type' }, 'ai'] },
        { '==': [{ var: 'action.name' }, 'refund'] },
        { '==': [{ var: 'attributes.customer.plan' }, 'enterprise'] },
      ],
    },
  },
  {
    id: 'irreversible-by-ai',
    version: 1,
    description: 'The AI may not take irreversible actions.',
    verdict: 'deny',
    when: {
      and: [
        { '==': [{ var: 'actor.type' }, 'ai'] },
        { '===': [{ var: 'action.reversible' }, false] },
      ],
    },
  },
  {
    id: 'legal-hold',
    version: 1,
    description: 'Tickets under legal hold are handled by legal only.',
    verdict: 'escalate',
    when: { in: ['legal-hold', { var: ['attributes.ticket.tags', []] }] },
  },
];

/** The AI asking to refund 120 EUR on an invoice of a pro customer: every rail allows it. */
export const refundContext: RailContext = {
  traceId: 'trace-42',
  actor: { id: 'helpdesk-bot', type: 'ai', roles: ['ai-agent'] },
  intent: { label: 'refund_request', confidence: 0.92, abstained: false },
  action: {
    name: 'refund',
    input: { amount: 120, currency: 'EUR', reason: 'Charged twice for March.' },
    resource: 'invoice:42',
    reversible: true,
    dryRun: false,
  },
  attributes: {
    customer: { id: 'cus_7', plan: 'pro' },
    ticket: { id: 'T-1001', priority: 'normal', tags: ['billing', 'refund'] },
  },
};
