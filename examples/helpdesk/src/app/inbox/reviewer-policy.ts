import type { RbacPolicyInput } from '@guardloop/deterministic';
import { helpdeskActionNames } from '../actions';

/** Refunds above this need a tier-2 agent's approval; the hypotheses name the band in the resource. */
export const tierOneRefundLimitEur = 300;

/** A refund's size band; the playbook's refund resource starts with it (see `refundResource`). */
export const refundBand = (amount: number | null | undefined) =>
  (amount ?? 0) > tierOneRefundLimitEur ? 'large' : 'standard';
/** The resource of a refund: its size band first, so reviewer grants can scope by amount. */
export const refundResource = (invoiceId: string | undefined, amount: number | undefined) =>
  `invoice:${refundBand(amount)}:${invoiceId}`;

const everyDayActions = helpdeskActionNames.filter(
  (name) => name !== 'issue_refund' && name !== 'delete_account',
);

/**
 * Who may decide which escalation, as RBAC data for the inbox: tier-1 agents approve everyday
 * actions and refunds up to the limit; only tier-2 approves larger refunds and account
 * deletions. Nobody approves their own request (the inbox checks that without a grant).
 */
export const reviewerPolicy: RbacPolicyInput = {
  actions: [...helpdeskActionNames],
  roles: {
    'tier-1': {
      description: 'A support agent',
      actorTypes: ['human'],
      allow: [
        ...everyDayActions.map((action) => ({ action, resource: '*' })),
        { action: 'issue_refund', resource: 'invoice:standard:*' },
      ],
    },
    'tier-2': {
      description: 'A senior agent: large refunds and irreversible actions',
      actorTypes: ['human'],
      inherits: ['tier-1'],
      allow: [
        { action: 'issue_refund', resource: 'invoice:*' },
        { action: 'delete_account', resource: 'account:*' },
      ],
    },
  },
};
