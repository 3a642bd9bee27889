import { createManualClock, createSequentialIdGenerator } from '@guardloop/core';
import { createInbox, createMemoryInboxStore, ReviewerNotAuthorizedError } from '@guardloop/inbox';
import { describe, expect, it } from 'vitest';
import { refundResource, reviewerPolicy, tierOneRefundLimitEur } from './reviewer-policy';

const agent = (id: string, tier: 'tier-1' | 'tier-2') => ({
  id,
  type: 'human' as const,
  roles: [tier],
});

async function escalatedRefund(amount: number) {
  const inbox = createInbox({
    store: createMemoryInboxStore(),
    clock: createManualClock(0),
    idGenerator: createSequentialIdGenerator('ESC'),
    reviewers: { policy: reviewerPolicy },
  });
  const item = await inbox.escalate({
    traceId: `trace-${amount}`,
    action: {
      name: 'issue_refund',
      input: { invoiceId: 'INV-1', amount },
      resource: refundResource('INV-1', amount),
    },
    requestedBy: { id: 'helpdesk-ai', type: 'ai', roles: ['helpdesk-ai'] },
    reason: 'Refunds over 100 EUR need a human.',
  });
  return { inbox, id: item.id };
}

describe('the reviewer policy', () => {
  it('lets a tier-1 agent approve a refund up to the limit', async () => {
    const { inbox, id } = await escalatedRefund(tierOneRefundLimitEur);
    const approved = await inbox.approve(id, { reviewer: agent('ana', 'tier-1') });
    expect(approved.status).toBe('approved');
  });

  it('keeps larger refunds for tier 2 and records the refused attempt', async () => {
    const { inbox, id } = await escalatedRefund(tierOneRefundLimitEur + 1);
    const refused = inbox.approve(id, { reviewer: agent('ana', 'tier-1') });
    await expect(refused).rejects.toSatisfy(ReviewerNotAuthorizedError.isInstance);
    const approved = await inbox.approve(id, { reviewer: agent('dev', 'tier-2') });
    expect(approved.decision?.reviewer.id).toBe('dev');
    expect(approved.history.map((entry) => entry.type)).toContain('authority_denied');
  });

  it('lets only tier 2 delete an account', async () => {
    const { inbox } = await escalatedRefund(10);
    const item = await inbox.escalate({
      traceId: 'trace-delete',
      action: {
        name: 'delete_account',
        input: { accountId: 'acc-001' },
        resource: 'account:acc-001',
      },
      reason: 'Account deletion cannot be undone.',
    });
    await expect(inbox.approve(item.id, { reviewer: agent('ben', 'tier-1') })).rejects.toSatisfy(
      ReviewerNotAuthorizedError.isInstance,
    );
    const approved = await inbox.approve(item.id, { reviewer: agent('dev', 'tier-2') });
    expect(approved.status).toBe('approved');
  });
});
