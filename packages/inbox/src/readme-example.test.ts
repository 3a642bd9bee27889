import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { createInbox, createInboxApprovalVerifier, createMemoryInboxStore } from './index';

// The README's example, kept running.
it('runs the README example', async () => {
  const deleteAccount = defineAction({
    name: 'delete_account',
    input: z.object({ accountId: z.string() }),
    reversible: false,
    do: (input) => ({ deleted: input.accountId }),
  });
  const refund = defineAction({
    name: 'refund',
    input: z.object({ orderId: z.string(), amount: z.number().positive() }),
    reversible: true,
    do: (input) => ({ refundId: `r-${input.orderId}` }),
    undo: () => {},
  });
  const store = createMemoryInboxStore();
  const undoLog = createUndoLog({
    store: createMemoryUndoLogStore(),
    actions: [deleteAccount, refund],
    verifyApproval: createInboxApprovalVerifier({ store }),
  });
  const inbox = createInbox({
    store,
    undoLog,
    actions: [deleteAccount, refund],
    reviewers: {
      policy: {
        actions: ['refund', 'delete_account'],
        roles: {
          'tier-1': { allow: [{ action: 'refund' }] },
          'tier-2': { inherits: ['tier-1'], allow: [{ action: 'delete_account' }] },
        },
      },
    },
    sla: { urgent: { acknowledgeWithinMs: 5 * 60_000, decideWithinMs: 30 * 60_000 } },
  });
  const item = await inbox.escalate({
    traceId: 'T-42',
    action: { name: 'delete_account', input: { accountId: 'acme-7' } },
    requestedBy: { id: 'assistant', type: 'ai' },
    rail: 'irreversible-actions',
    reason: 'Account deletion cannot be undone.',
    priority: 'urgent',
    queue: 'privacy',
  });
  const sam = { id: 'sam', type: 'human' as const, roles: ['tier-2'] };
  await inbox.claim(item.id, { reviewer: sam, leaseMs: 10 * 60_000 });
  const approved = await inbox.approve(item.id, { reviewer: sam, note: 'identity verified' });
  expect([approved.status, approved.result]).toEqual(['approved', { deleted: 'acme-7' }]);
  expect(approved.history.map((entry) => entry.type)).toEqual([
    'escalated',
    'claimed',
    'approved',
    'action_completed',
  ]);
});
