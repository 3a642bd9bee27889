import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';
import { type ActionDependencies, queueReply, replyFields } from './reply-input';

const accountInput = z.object({ accountId: z.string().regex(/^acc-\d+$/), ...replyFields });

/** Actions on a customer's login: each one reversible, its inverse exact. */
export function createAccountActions(dependencies: ActionDependencies) {
  const { store } = dependencies;
  const email = (accountId: string) => store.account(accountId).email;

  const sendPasswordReset = defineAction({
    name: 'send_password_reset',
    reversible: true,
    input: accountInput,
    do(input) {
      const token = store.issueResetLink(input.accountId);
      return { token, messageId: queueReply(dependencies, input, email(input.accountId)) };
    },
    undo(input, { result }) {
      if (!result) return;
      store.revokeResetLink(input.accountId, result.token);
      store.recallMessage(result.messageId);
    },
  });

  const resetMfa = defineAction({
    name: 'reset_mfa',
    reversible: true,
    input: accountInput,
    // The factors are captured before `do`, so undo restores exactly what was there.
    snapshot: (input) => ({ factors: [...store.account(input.accountId).mfaFactors] }),
    do(input) {
      store.resetMfa(input.accountId);
      return { messageId: queueReply(dependencies, input, email(input.accountId)) };
    },
    undo(input, { result, snapshot }) {
      store.restoreMfa(input.accountId, snapshot.factors);
      if (result) store.recallMessage(result.messageId);
    },
  });

  const grantAccess = defineAction({
    name: 'grant_access',
    reversible: true,
    input: accountInput.extend({
      workspace: z.string().min(1),
      role: z.enum(['viewer', 'editor', 'admin']),
    }),
    do(input) {
      store.grant(input.accountId, input.workspace, input.role);
      return { messageId: queueReply(dependencies, input, email(input.accountId)) };
    },
    undo(input, { result }) {
      store.revoke(input.accountId, input.workspace, input.role);
      if (result) store.recallMessage(result.messageId);
    },
  });

  /** Irreversible: the loop always escalates it, and the undo log demands an approval token. */
  const deleteAccount = defineAction({
    name: 'delete_account',
    reversible: false,
    input: accountInput,
    do: (input) => ({ deleted: input.accountId }),
  });

  return [sendPasswordReset, resetMfa, grantAccess, deleteAccount] as const;
}
