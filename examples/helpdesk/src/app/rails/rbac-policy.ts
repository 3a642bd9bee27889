import type { RbacPolicyInput } from '@guardloop/deterministic';
import { helpdeskActionNames } from '../actions';

/**
 * The keys each actor holds. The AI gets narrow ones: viewer and editor grants but never admin,
 * refunds and invoices, replies and queues, and never account deletion. Agents hold every key.
 */
export const rbacPolicy: RbacPolicyInput = {
  actions: [...helpdeskActionNames],
  roles: {
    'helpdesk-ai': {
      description: 'The autonomous help-desk assistant',
      actorTypes: ['ai'],
      allow: [
        { action: 'send_password_reset', resource: 'account:*' },
        { action: 'reset_mfa', resource: 'account:*' },
        { action: 'grant_access', resource: 'grant:viewer:*' },
        { action: 'grant_access', resource: 'grant:editor:*' },
        { action: 'issue_refund', resource: 'invoice:*' },
        { action: 'send_invoice_copy', resource: 'invoice:*' },
        { action: 'send_macro_reply', resource: 'ticket:*' },
        { action: 'assign_queue', resource: 'ticket:*' },
      ],
      deny: [{ action: 'delete_account', resource: '*' }],
    },
    agent: {
      description: 'A human support agent',
      actorTypes: ['human'],
      allow: [{ action: '*', resource: '*' }],
    },
  },
};
