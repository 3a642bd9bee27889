import { createMemoryFeedbackStore, createOutcomeRecorder } from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers, testNow } from '../test/test-inbox';

describe('createInbox({ feedback }) with the feedback outcome recorder', () => {
  it('records human_decision and sla_breached on the original trace, once each', async () => {
    const store = createMemoryFeedbackStore();
    const test = createTestInbox(createMemoryInboxStore());
    const feedback = createOutcomeRecorder({ store, clock: test.clock });
    const { clock } = test;
    const { inbox } = createTestInbox(test.options.store, { clock, feedback });
    const item = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
    // The loop's own record of the escalation starts the trace.
    await feedback.record({ type: 'escalated', traceId: item.traceId, rail: 'refund-limit' });
    const monitor = inbox.startSlaMonitor({
      intervalMs: 60_000,
      onEvent: () => {},
      onError: (error) => {
        throw error;
      },
    });
    clock.advance(6 * 60_000);
    await monitor.runRound();
    await monitor.stop();
    const decided = await inbox.reject(item.id, {
      reviewer: reviewers.tier1,
      reason: 'customer withdrew the request',
    });
    expect(decided.history.map((entry) => entry.type)).not.toContain('feedback_failed');
    await inbox.recordFeedback(item.id);
    const { items } = await store.listOutcomes({ traceId: item.traceId, limit: 10 });
    expect(items.map((outcome) => outcome.type)).toEqual([
      'escalated',
      'sla_breached',
      'human_decision',
    ]);
    expect(items[2]).toMatchObject({
      at: testNow + 6 * 60_000,
      escalationId: item.id,
      decision: 'rejected',
      reviewer: 'lea',
      reason: 'customer withdrew the request',
      decideMs: 6 * 60_000,
      slaBreached: true,
    });
  });
});
