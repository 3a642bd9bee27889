import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers, testNow } from '../test/test-inbox';
import type { InboxFeedbackRecorder, InboxOutcome } from './decision-outcomes';

const minute = 60_000;

/** A recorder that keeps what it is given, failing while `down` is true. */
function recorder() {
  const outcomes: InboxOutcome[] = [];
  const state = { down: false };
  const feedback: InboxFeedbackRecorder = {
    record: async (outcome) => {
      if (state.down) throw new Error('feedback store down');
      outcomes.push(outcome);
      return { status: 'recorded' };
    },
  };
  return { feedback, outcomes, state };
}

describe('learning from every decision', () => {
  it('records approvals, edits and rejections on the original trace', async () => {
    const { feedback, outcomes } = recorder();
    const { inbox, clock } = createTestInbox(createMemoryInboxStore(), { feedback });
    const approved = await inbox.escalate(refundEscalation());
    const edited = await inbox.escalate(refundEscalation());
    const rejected = await inbox.escalate(refundEscalation());
    clock.advance(5 * minute);
    await inbox.claim(approved.id, { reviewer: reviewers.tier1 });
    clock.advance(10 * minute);
    await inbox.approve(approved.id, { reviewer: reviewers.tier1 });
    const { orderId } = (edited.action as { input: { orderId: string } }).input;
    await inbox.approveWithEdits(edited.id, {
      reviewer: reviewers.tier1,
      input: { orderId, amount: 20 },
    });
    clock.advance(5 * 60 * minute);
    await inbox.reject(rejected.id, { reviewer: reviewers.tier2, reason: 'not eligible' });
    expect(outcomes).toEqual([
      {
        type: 'human_decision',
        id: `inbox:${approved.id}:decision`,
        traceId: approved.traceId,
        at: testNow + 15 * minute,
        escalationId: approved.id,
        decision: 'approved',
        reviewer: 'lea',
        rail: 'refund-limit',
        action: 'refund',
        acknowledgeMs: 5 * minute,
        decideMs: 15 * minute,
        slaBreached: false,
      },
      expect.objectContaining({
        escalationId: edited.id,
        decision: 'approved_with_edits',
        acknowledgeMs: 15 * minute,
        diff: [{ path: ['amount'], before: 40, after: 20 }],
      }),
      expect.objectContaining({
        traceId: rejected.traceId,
        decision: 'rejected',
        reviewer: 'sam',
        reason: 'not eligible',
        // Past the 1 h acknowledge-by and the 4 h decide-by of `normal`.
        slaBreached: true,
      }),
    ]);
  });

  it('keeps the decision when recording fails, reports it, and retries with the same ids', async () => {
    const { feedback, outcomes, state } = recorder();
    const failures: unknown[] = [];
    const { inbox, runs } = createTestInbox(createMemoryInboxStore(), {
      feedback,
      onFeedbackError: (error, failure) => failures.push([error, failure.outcome.id]),
    });
    const item = await inbox.escalate(refundEscalation());
    state.down = true;
    const approved = await inbox.approve(item.id, { reviewer: reviewers.tier1 });
    expect(approved.status).toBe('approved');
    expect(runs).toHaveLength(1);
    expect(approved.history.map((entry) => entry.type)).toEqual([
      'escalated',
      'approved',
      'feedback_failed',
      'action_completed',
    ]);
    expect(failures).toEqual([[expect.any(Error), `inbox:${item.id}:decision`]]);
    await expect(inbox.recordFeedback(item.id)).rejects.toThrow('feedback store down');
    state.down = false;
    const retried = await inbox.recordFeedback(item.id);
    await inbox.recordFeedback(item.id);
    expect(outcomes.map((outcome) => outcome.id)).toEqual([retried[0]?.id, retried[0]?.id]);
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  it('records SLA breaches from the monitor, once per deadline', async () => {
    const { feedback, outcomes } = recorder();
    const { inbox, clock } = createTestInbox(createMemoryInboxStore(), { feedback });
    const item = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
    const monitor = inbox.startSlaMonitor({
      intervalMs: minute,
      onEvent: () => {},
      onError: (error) => {
        throw error;
      },
    });
    clock.advance(6 * minute);
    await monitor.runRound();
    clock.advance(30 * minute);
    await monitor.runRound();
    await monitor.stop();
    expect(outcomes).toEqual([
      {
        type: 'sla_breached',
        id: `inbox:${item.id}:sla:acknowledge`,
        traceId: item.traceId,
        at: testNow + 6 * minute,
        escalationId: item.id,
        deadline: 'acknowledge',
        rail: 'refund-limit',
        action: 'refund',
        lateMs: minute,
      },
      expect.objectContaining({ deadline: 'decide', lateMs: 6 * minute }),
    ]);
    // A retry derives the same outcomes from the history.
    expect((await inbox.recordFeedback(item.id)).map((outcome) => outcome.id)).toEqual([
      `inbox:${item.id}:sla:acknowledge`,
      `inbox:${item.id}:sla:decide`,
    ]);
  });

  it('refuses a feedback option that is not a recorder', () => {
    expect(() =>
      createTestInbox(createMemoryInboxStore(), { feedback: {} as InboxFeedbackRecorder }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(GuardloopError.isInstance(new Error())).toBe(false);
  });
});
