import { GuardloopError } from '@guardloop/core';
import { hashActionInput } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers } from '../test/test-inbox';
import { inboxHumanActionKey } from './run-approved-action';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);
const types = (item: { history: { type: string }[] }) => item.history.map((entry) => entry.type);

describe('reject with the reviewer own action', () => {
  it('runs the human action once as the reviewer, never the proposed one', async () => {
    const { inbox, runs, undoLog } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    const humanAction = { name: 'refund', input: { orderId: 'o-own', amount: 10 } };
    const rejected = await inbox.reject(item.id, {
      reviewer: reviewers.tier1,
      reason: 'a goodwill refund instead',
      humanAction,
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      result: { refundId: 'r-1' },
      decision: {
        kind: 'reject',
        note: 'a goodwill refund instead',
        input: humanAction.input,
        inputHash: hashActionInput(humanAction.input),
        humanAction: { name: 'refund', resource: null },
      },
    });
    expect(runs).toEqual(['refund o-own 10']);
    expect(types(rejected)).toEqual(['escalated', 'rejected', 'action_completed']);
    const [record] = await undoLog.listTrace(item.traceId);
    expect(record).toMatchObject({
      idempotencyKey: inboxHumanActionKey(item.id),
      actor: { id: reviewers.tier1.id },
    });
    await expect(
      inbox.reject(item.id, { reviewer: reviewers.tier2, reason: 'again', humanAction }),
    ).rejects.toSatisfy(code('already_decided'));
    expect(runs).toHaveLength(1);
  });

  it('runs an irreversible human action with the inbox-bound approval', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    const rejected = await inbox.reject(item.id, {
      reviewer: reviewers.tier2,
      reason: 'fraud: close the account instead',
      humanAction: { name: 'delete_account', input: { accountId: 'a-9' } },
    });
    expect(rejected).toMatchObject({ status: 'rejected', result: { deleted: true } });
    expect(runs).toEqual(['delete a-9']);
  });

  it('refuses a human action without grant, schema, registration or the rails consent', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    const reject = (name: string, input: unknown) =>
      inbox.reject(item.id, {
        reviewer: reviewers.tier1,
        reason: 'no',
        humanAction: { name, input: input as Record<string, unknown> },
      });
    await expect(reject('delete_account', { accountId: 'a-1' })).rejects.toSatisfy(
      code('reviewer_not_authorized'),
    );
    await expect(reject('refund', { orderId: '' })).rejects.toSatisfy(code('invalid_input'));
    await expect(reject('wire_money', {})).rejects.toSatisfy(code('action_not_registered'));
    await expect(reject('refund', { orderId: 'o-1', amount: 9_000 })).rejects.toSatisfy(
      code('edit_refused'),
    );
    const read = await inbox.get(item.id);
    expect(read.status).toBe('pending');
    expect(read.history.slice(1).map((entry) => entry.details)).toEqual([
      expect.objectContaining({ outcome: 'no_grant', humanAction: 'delete_account' }),
      expect.objectContaining({ outcome: 'human_action_denied' }),
    ]);
    expect(runs).toEqual([]);
  });

  it('records a failed human action on the item, the rejection standing', async () => {
    const { inbox } = createTestInbox(createMemoryInboxStore());
    const item = await inbox.escalate(refundEscalation());
    await expect(
      inbox.reject(item.id, {
        reviewer: reviewers.tier1,
        reason: 'no',
        humanAction: { name: 'refund', input: { orderId: 'o-fail', amount: 1 } },
      }),
    ).rejects.toSatisfy(code('action_failed'));
    const failed = await inbox.get(item.id);
    expect(failed).toMatchObject({
      status: 'failed',
      decision: { kind: 'reject' },
      error: { code: 'action_failed' },
    });
  });

  it('records the human action for the host to run when no undo log is configured', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore(), { undoLog: undefined });
    const item = await inbox.escalate(refundEscalation());
    const rejected = await inbox.reject(item.id, {
      reviewer: reviewers.tier1,
      reason: 'smaller refund',
      humanAction: { name: 'refund', input: { orderId: 'o-1', amount: 5 } },
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      decision: { humanAction: { name: 'refund' } },
    });
    expect(runs).toEqual([]);
  });
});

describe('escalations without an action', () => {
  it('are stored, acknowledged by approve and answered by a human action', async () => {
    const { inbox, runs } = createTestInbox(createMemoryInboxStore());
    const { action: _, ...signalOnly } = refundEscalation({ rail: 'brand-safety' });
    const item = await inbox.escalate(signalOnly);
    expect(item).toMatchObject({ action: null, inputHash: null, status: 'pending' });
    const acknowledged = await inbox.approve(item.id, { reviewer: reviewers.tier1, note: 'seen' });
    expect(acknowledged).toMatchObject({
      status: 'approved',
      result: null,
      decision: { note: 'seen' },
    });
    expect(acknowledged.decision).not.toHaveProperty('inputHash');
    expect(types(acknowledged)).toEqual(['escalated', 'approved']);
    const other = await inbox.escalate(refundEscalation({ action: undefined }));
    await expect(
      inbox.approveWithEdits(other.id, { reviewer: reviewers.tier1, input: {} }),
    ).rejects.toSatisfy(code('invalid_input'));
    const answered = await inbox.reject(other.id, {
      reviewer: reviewers.tier1,
      reason: 'refund it myself',
      humanAction: { name: 'refund', input: { orderId: 'o-2', amount: 3 } },
    });
    expect(answered).toMatchObject({ status: 'rejected', result: { refundId: 'r-1' } });
    expect(runs).toEqual(['refund o-2 3']);
  });
});
