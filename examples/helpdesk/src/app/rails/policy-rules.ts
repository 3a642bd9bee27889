import type { PolicyRuleInput } from '@guardloop/deterministic';

/** Business policy as json-logic data: versioned, reviewable, hot-swappable. */
export const policyRules: PolicyRuleInput[] = [
  {
    id: 'refund-over-limit',
    version: 1,
    description: 'Refunds over 100 EUR need a human.',
    verdict: 'escalate',
    when: {
      and: [
        { '==': [{ var: 'action.name' }, 'issue_refund'] },
        { '>': [{ var: 'action.input.amount' }, 100] },
      ],
    },
  },
  {
    id: 'enterprise-refund',
    version: 1,
    description: 'Refunds for enterprise customers go through their account manager.',
    verdict: 'escalate',
    when: {
      and: [
        { '==': [{ var: 'action.name' }, 'issue_refund'] },
        { '==': [{ var: 'attributes.customer.plan' }, 'enterprise'] },
      ],
    },
  },
  {
    id: 'suspended-account',
    version: 1,
    description: 'No automated change on a suspended account.',
    verdict: 'deny',
    when: { '==': [{ var: 'attributes.customer.status' }, 'suspended'] },
  },
];
