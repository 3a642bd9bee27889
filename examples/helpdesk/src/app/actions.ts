import type { AnyActionDefinition } from '@guardloop/undo-log';
import { createAccountActions } from './actions/account-actions';
import { createBillingActions } from './actions/billing-actions';
import type { ActionDependencies } from './actions/reply-input';
import { createTicketActions } from './actions/ticket-actions';

/** Every action the help desk can take, by name: the AI's keys and the agents'. */
export function createHelpdeskActions(dependencies: ActionDependencies) {
  const list: readonly AnyActionDefinition[] = [
    ...createAccountActions(dependencies),
    ...createBillingActions(dependencies),
    ...createTicketActions(dependencies),
  ];
  return { list, byName: new Map(list.map((action) => [action.name, action])) };
}

export type HelpdeskActions = ReturnType<typeof createHelpdeskActions>;
export const helpdeskActionNames = [
  'send_password_reset',
  'reset_mfa',
  'grant_access',
  'delete_account',
  'issue_refund',
  'send_invoice_copy',
  'send_macro_reply',
  'assign_queue',
] as const;
export type HelpdeskActionName = (typeof helpdeskActionNames)[number];
