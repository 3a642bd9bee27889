import { GuardloopError, StoreUnavailableError } from '@guardloop/core';
import { hashActionInput, type UndoLogStore } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import type { InboxStore } from '../store/inbox-store';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers } from '../test/test-inbox';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);
const types = (item: { history: { type: string }[] }) => item.history.map((entry) => entry.type);

describe('typed errors of the inbox', () => {
  it('reports unknown ids as escalation_not_found', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore());
    const reviewer = reviewers.tier1;
    for (const call of [
      () => inbox.get('nope'),
      () => inbox.claim('nope', { reviewer }),
      () => inbox.release('nope', { reviewer }),
      () => inbox.reassign('nope', { by: reviewer, to: reviewers.tier2 }),
      () => inbox.comment('nope', { by: reviewer, text: 'hi' }),
      () => inbox.approve('nope', { reviewer }),
      () => inbox.approveWithEdits('nope', { reviewer, input: {} }),
      () => inbox.reject('nope', { reviewer, reason: 'no' }),
    ])
      await expect(call()).rejects.toSatisfy(code('escalation_not_found'));
  });

  it('decides once: a decided item refuses claims and decisions with already_decided', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    await inbox.reject(item.id, { reviewer: reviewers.tier1, reason: 'duplicate' });
    for (const call of [
      () => inbox.approve(item.id, { reviewer: reviewers.tier2 }),
      () => inbox.reject(item.id, { reviewer: reviewers.tier2, reason: 'again' }),
      () => inbox.claim(item.id, { reviewer: reviewers.tier2 }),
    ])
      await expect(call()).rejects.toSatisfy(code('already_decided'));
    expect(runs).toEqual([]);
    // Comments stay possible: the history is the item's record.
    const commented = await inbox.comment(item.id, { by: reviewers.tier2, text: 'agreed' });
    expect(types(commented)).toEqual(['escalated', 'rejected', 'commented']);
  });

  it('refuses decisions and releases while another reviewer holds the claim', async () => {
    const { inbox, clock } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    await inbox.claim(item.id, { reviewer: reviewers.tier1, leaseMs: 60_000 });
    const held = code('lease_held');
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier2 })).rejects.toSatisfy(held);
    await expect(
      inbox.reject(item.id, { reviewer: reviewers.tier2, reason: 'x' }),
    ).rejects.toSatisfy(held);
    await expect(inbox.release(item.id, { reviewer: reviewers.tier2 })).rejects.toSatisfy(held);
    await expect(
      inbox.reassign(item.id, { by: reviewers.tier2, to: reviewers.tier2 }),
    ).rejects.toSatisfy(held);
    // The holder hands it over, to another queue.
    const moved = await inbox.reassign(item.id, {
      by: reviewers.tier1,
      to: reviewers.tier2,
      queue: 'tier-2',
      note: 'needs a senior',
    });
    expect(moved).toMatchObject({ assignee: 'sam', queue: 'tier-2' });
    await expect(inbox.claim(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(held);
    const released = await inbox.release(item.id, { reviewer: reviewers.tier2 });
    expect(released).toMatchObject({ assignee: null, leaseExpiresAt: null });
    // Releasing what nobody holds changes nothing.
    expect((await inbox.release(item.id, { reviewer: reviewers.tier1 })).revision).toBe(
      released.revision,
    );
    await inbox.claim(item.id, { reviewer: reviewers.tier1, leaseMs: 1_000 });
    clock.advance(1_000);
    // An expired claim no longer blocks anyone.
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier2 })).resolves.toMatchObject({
      status: 'approved',
    });
    expect(types(await inbox.get(item.id))).toEqual([
      'escalated',
      'claimed',
      'reassigned',
      'released',
      'claimed',
      'approved',
      'action_completed',
    ]);
  });

  it('records refused authority: no grant, self-approval and non-human reviewers', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const deletion = await inbox.escalate(
      refundEscalation({
        action: { name: 'delete_account', input: { accountId: 'a-1' } },
        requestedBy: reviewers.tier2,
      }),
    );
    const refused = async (
      reviewer: (typeof reviewers)[keyof typeof reviewers],
      outcome: string,
    ) => {
      const error = await inbox.approve(deletion.id, { reviewer }).catch((thrown) => thrown);
      expect(error).toSatisfy(code('reviewer_not_authorized'));
      expect(error).toMatchObject({ outcome, reviewerId: reviewer.id, escalationId: deletion.id });
    };
    await refused(reviewers.tier1, 'no_grant');
    await refused(reviewers.tier2, 'self_approval');
    await refused(reviewers.agent, 'not_human');
    const item = await inbox.get(deletion.id);
    expect(item.status).toBe('pending');
    expect(item.history.slice(1).map((entry) => [entry.actor?.id, entry.details])).toEqual([
      ['lea', expect.objectContaining({ decision: 'approve', outcome: 'no_grant' })],
      ['sam', expect.objectContaining({ decision: 'approve', outcome: 'self_approval' })],
      ['ai-agent', expect.objectContaining({ decision: 'approve', outcome: 'not_human' })],
    ]);
    // The requester may still withdraw (reject) their own request.
    await inbox.reject(deletion.id, { reviewer: reviewers.tier2, reason: 'withdrawn' });
    expect(runs).toEqual([]);
  });

  it('binds decisions to the input hash the reviewer saw and to the stored input', async () => {
    const store = createMemoryInboxStore();
    const { inbox, runs } = createTestInbox(store);
    const item = await inbox.escalate(refundEscalation());
    await expect(
      inbox.approve(item.id, { reviewer: reviewers.tier1, inputHash: hashActionInput({ x: 1 }) }),
    ).rejects.toSatisfy(code('input_hash_mismatch'));
    // A store whose stored input changed behind the inbox's back.
    const tampered: InboxStore = {
      ...store,
      get: async (id) => {
        const read = await store.get(id);
        return (
          read && {
            ...read,
            action: { name: 'refund', resource: null, input: { orderId: 'o', amount: 999 } },
          }
        );
      },
    };
    const other = createTestInbox(tampered).inbox;
    await expect(other.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      code('input_hash_mismatch'),
    );
    expect(runs).toEqual([]);
    await expect(
      inbox.approve(item.id, { reviewer: reviewers.tier1, inputHash: item.inputHash ?? '' }),
    ).resolves.toMatchObject({ status: 'approved' });
  });

  it('needs the action definition to validate an edit', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore(), { actions: [] });
    const item = await inbox.escalate(refundEscalation());
    await expect(
      inbox.approveWithEdits(item.id, { reviewer: reviewers.tier1, input: { amount: 1 } }),
    ).rejects.toSatisfy(code('action_not_registered'));
  });

  it('records a refused edit and keeps the item pending', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    const error = await inbox
      .approveWithEdits(item.id, {
        reviewer: reviewers.tier1,
        input: { orderId: 'o-1', amount: 9_000 },
      })
      .catch((thrown) => thrown);
    expect(error).toSatisfy(code('edit_refused'));
    expect(error.decision).toMatchObject({ verdict: 'deny', decidedBy: 'refund-limit' });
    const read = await inbox.get(item.id);
    expect(read.status).toBe('pending');
    expect(read.history.at(-1)).toMatchObject({
      type: 'authority_denied',
      details: { outcome: 'edit_denied' },
    });
    expect(runs).toEqual([]);
  });
});

describe('decide = resume', () => {
  it('refuses to approve an input the action cannot take, leaving the item pending', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(
      refundEscalation({ action: { name: 'refund', input: { orderId: '', amount: 1 } } }),
    );
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      code('invalid_input'),
    );
    expect(await inbox.get(item.id)).toMatchObject({ status: 'pending', revision: 0 });
  });

  it('records a failed action on the item and does not run it again', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(
      refundEscalation({ action: { name: 'refund', input: { orderId: 'o-fail', amount: 1 } } }),
    );
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      code('action_failed'),
    );
    const failed = await inbox.get(item.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'action_failed' } });
    expect(types(failed)).toEqual(['escalated', 'approved', 'action_failed']);
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      code('already_decided'),
    );
  });

  it('leaves an approval whose run was cut off resumable by the same reviewer, once', async () => {
    const test = createTestInbox(createMemoryInboxStore());
    let failInsert = true;
    const flaky: UndoLogStore = {
      ...test.undoLogStore,
      insert: async (record) => {
        if (failInsert) {
          failInsert = false;
          throw new StoreUnavailableError({ operation: 'insert', cause: new Error('ECONNRESET') });
        }
        return test.undoLogStore.insert(record);
      },
    };
    const { createUndoLog } = await import('@guardloop/undo-log');
    const { createInboxApprovalVerifier } = await import(
      '../approval/create-inbox-approval-verifier'
    );
    const undoLog = createUndoLog({
      store: flaky,
      actions: [...(test.options.actions ?? [])],
      clock: test.clock,
      verifyApproval: createInboxApprovalVerifier({ store: test.options.store }),
    });
    const { inbox } = createTestInbox(test.options.store, { undoLog });
    const { runs } = test;
    const item = await inbox.escalate(refundEscalation());
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      code('store_unavailable'),
    );
    expect((await inbox.get(item.id)).status).toBe('approving');
    // Someone else cannot take the decision over; the approving reviewer completes it.
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier2 })).rejects.toSatisfy(
      code('already_decided'),
    );
    const done = await inbox.approve(item.id, { reviewer: reviewers.tier1 });
    expect(done).toMatchObject({ status: 'approved', result: { refundId: 'r-1' } });
    expect(runs).toHaveLength(1);
    expect(types(done)).toEqual(['escalated', 'approved', 'action_completed']);
  });

  it('records the decision without running anything when no undo log is configured', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore(), { undoLog: undefined });
    const item = await inbox.escalate(refundEscalation());
    const approved = await inbox.approve(item.id, { reviewer: reviewers.tier1, note: 'ok' });
    expect(approved).toMatchObject({
      status: 'approved',
      decision: { kind: 'approve', note: 'ok', inputHash: item.inputHash },
      acknowledgedAt: approved.decidedAt,
    });
    expect(runs).toEqual([]);
  });

  it('keeps earlier history unchanged by every later operation', async () => {
    const { inbox, clock } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    const snapshots = [item.history];
    clock.advance(1);
    snapshots.push((await inbox.claim(item.id, { reviewer: reviewers.tier1 })).history);
    snapshots.push(
      (await inbox.comment(item.id, { by: reviewers.tier1, text: 'looking' })).history,
    );
    snapshots.push((await inbox.approve(item.id, { reviewer: reviewers.tier1 })).history);
    for (let index = 1; index < snapshots.length; index++) {
      const before = snapshots[index - 1] ?? [];
      expect(snapshots[index]?.slice(0, before.length)).toEqual(before);
    }
  });
});
