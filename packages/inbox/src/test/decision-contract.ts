import { GuardloopError, StoreUnavailableError } from '@guardloop/core';
import type { UndoLog } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import type { InboxStoreContractOptions } from './contract-options';
import { createTestInbox, refundEscalation, reviewers } from './test-inbox';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);

/** An undo log whose process "dies" once the action has run: the call never returns. */
function dyingAfterRun(undoLog: UndoLog): UndoLog {
  const run = undoLog.run as (...args: unknown[]) => Promise<unknown>;
  return {
    ...undoLog,
    run: (async (...args: unknown[]) => {
      await run(...args);
      throw new StoreUnavailableError({ operation: 'simulated crash' });
    }) as unknown as UndoLog['run'],
  };
}

/** Rejections with the reviewer's own action, escalations without one, and recovery. */
export function describeDecisionsOverStore({
  name,
  createStore,
  createPeerStore,
}: InboxStoreContractOptions): void {
  describe(`InboxStore contract (${name}): human actions and recovery`, () => {
    it('runs a rejecting reviewer own action exactly once across stores', async () => {
      const store = await createStore();
      const peer = createPeerStore ? await createPeerStore(store) : store;
      const first = createTestInbox(store);
      const second = createTestInbox(peer, { clock: first.clock, undoLog: first.undoLog });
      const item = await first.inbox.escalate(refundEscalation());
      const humanAction = { name: 'refund', input: { orderId: 'o-own', amount: 5 } };
      const settled = await Promise.allSettled([
        first.inbox.reject(item.id, { reviewer: reviewers.tier1, reason: 'mine', humanAction }),
        second.inbox.reject(item.id, { reviewer: reviewers.tier1b, reason: 'mine', humanAction }),
        second.inbox.approve(item.id, { reviewer: reviewers.tier2 }),
      ]);
      expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of settled)
        if (result.status === 'rejected') expect(result.reason).toSatisfy(code('already_decided'));
      const decided = await first.inbox.get(item.id);
      expect([...first.runs, ...second.runs]).toHaveLength(1);
      if (decided.decision?.kind === 'reject') {
        expect(first.runs).toEqual(['refund o-own 5']);
        expect(decided).toMatchObject({ status: 'rejected', result: { refundId: 'r-1' } });
      } else expect(decided.status).toBe('approved');
    });

    it('stores an escalation without an action and acknowledges it on approve', async () => {
      const store = await createStore();
      const { inbox, runs } = createTestInbox(store);
      const { action: _, ...escalation } = refundEscalation({ rail: 'brand-safety' });
      const item = await inbox.escalate(escalation);
      expect(await inbox.get(item.id)).toMatchObject({ action: null, inputHash: null });
      const acknowledged = await inbox.approve(item.id, { reviewer: reviewers.tier1 });
      expect(acknowledged).toMatchObject({ status: 'approved', decision: { kind: 'approve' } });
      expect(runs).toEqual([]);
    });

    it('recovers a decision whose process died after running the action', async () => {
      const store = await createStore();
      const healthy = createTestInbox(store);
      const dying = createTestInbox(store, {
        clock: healthy.clock,
        undoLog: dyingAfterRun(healthy.undoLog),
      });
      const item = await healthy.inbox.escalate(refundEscalation());
      await expect(dying.inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
        code('store_unavailable'),
      );
      const { items } = await healthy.inbox.recover({ olderThanMs: 0 });
      expect(items.filter((entry) => entry.escalationId === item.id)).toMatchObject([
        { outcome: 'completed', item: { status: 'approved', result: { refundId: 'r-1' } } },
      ]);
      expect(healthy.runs).toHaveLength(1);
    });
  });
}
