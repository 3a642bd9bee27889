import { type ApprovalBinding, assertApprovalBinding, createGuardedTools } from '@guardloop/ai-sdk';
import { allow, deny, escalate, type Rail } from '@guardloop/core';
import { createMemoryUndoLogStore, createUndoLog } from '@guardloop/undo-log';
import type { BackOffice } from './back-office';

/** The AI's keys: reads and small refunds on its own, big refunds with a human, no closing. */
export const supportPolicy: Rail = {
  name: 'support-policy',
  kind: 'deterministic',
  evaluate: ({ action }) => {
    if (action?.name === 'close_account') return deny('The AI may not close accounts.');
    const { amount } = (action?.input ?? {}) as { amount?: number };
    if (amount !== undefined && amount > 50) {
      return escalate(`Refunds over 50 EUR need a human (this one: ${amount} EUR).`);
    }
    return allow('Within the AI’s keys.');
  },
};

/** The agent's tools, guarded by the rails and run through the undo log. */
export function createSupportTools(office: BackOffice, traceId: string) {
  const { lookUpOrder, refundOrder, closeAccount } = office.actions;
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [lookUpOrder, refundOrder, closeAccount],
  });
  // What reviewers approved, kept on the server (a table in production), by approval id.
  const approvals = new Map<string, ApprovalBinding>();
  const guarded = createGuardedTools({
    tools: {
      lookUpOrder: { action: lookUpOrder, description: 'Look an order up' },
      refundOrder: { action: refundOrder, description: 'Refund an order' },
      closeAccount: { action: closeAccount, description: 'Close a customer account' },
    },
    undoLog,
    rails: [supportPolicy],
    actor: { id: 'support-ai', type: 'ai', roles: ['ai-agent'] },
    traceId,
    // An approval written in the conversation counts only if a reviewer granted this exact call.
    verifyApproval: ({ approval, binding }) => {
      const granted = approvals.get(approval.approvalId);
      if (granted) assertApprovalBinding(granted, binding, approval.approvalId);
      return granted !== undefined;
    },
  });
  return { ...guarded, undoLog, approvals };
}
