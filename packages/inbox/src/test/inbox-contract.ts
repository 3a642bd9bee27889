import { GuardloopError } from '@guardloop/core';
import { hashActionInput } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import type { EscalateInput } from '../inbox/escalate';
import type { InboxStoreContractOptions } from './contract-options';
import { createTestInbox, refundEscalation, reviewers, testNow } from './test-inbox';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);

/** The inbox over the store: durable escalations, one claim at a time, decisions exactly once. */
export function describeInboxOverStore({
  name,
  createStore,
  createPeerStore,
}: InboxStoreContractOptions): void {
  describe(`InboxStore contract (${name}): the inbox over the store`, () => {
    it('escalates durably with the input hash and due times, once per trace', async () => {
      const store = await createStore();
      const { inbox } = createTestInbox(store);
      const details = {
        signal: {
          id: 'sig-1',
          source: 'zendesk',
          kind: 'ticket',
          fingerprint: 'fp-1',
          payload: { subject: 'Refund please', body: 'Order o-1 arrived broken 💔' },
          occurredAt: testNow - 5_000,
          receivedAt: testNow - 4_000,
          traceId: 'sig-trace',
        },
        intent: { label: 'refund_request', confidence: 0.64, scores: { refund_request: 0.64 } },
        hypotheses: [
          {
            id: 'h-1',
            title: 'Damaged in transit',
            confidence: 0.7,
            evidence: [{ source: 'signal.payload', path: 'body', value: 'arrived broken' }],
          },
        ],
        verdicts: [
          {
            rail: 'refund-limit',
            kind: 'deterministic',
            status: 'completed',
            verdict: 'escalate',
            reason: 'Refunds over 25 EUR need a human.',
            evidence: { limit: 25 },
            startedAt: testNow - 10,
            durationMs: 1,
          },
        ],
      } satisfies Partial<EscalateInput>;
      const escalation = { ...refundEscalation(), ...details };
      const item = await inbox.escalate(escalation);
      expect(item).toMatchObject({
        signal: escalation.signal,
        intent: { label: 'refund_request', abstained: false },
        hypotheses: [{ id: 'h-1', rationale: '', evidence: [{ path: 'body' }] }],
        verdicts: escalation.verdicts,
        rail: 'refund-limit',
        evidence: { amount: 40 },
      });
      expect(item).toMatchObject({
        status: 'pending',
        inputHash: hashActionInput(escalation.action.input),
        acknowledgeBy: testNow + 60 * 60_000,
        decideBy: testNow + 4 * 60 * 60_000,
        requestedBy: { id: 'ai-agent' },
      });
      const [again, concurrent] = await Promise.all([
        inbox.escalate(escalation),
        inbox.escalate(escalation),
      ]);
      expect([again.id, concurrent.id]).toEqual([item.id, item.id]);
      expect(await inbox.get(item.id)).toEqual(item);
    });

    it('gives a claim to exactly one of many concurrent reviewers, across stores', async () => {
      const store = await createStore();
      const peer = createPeerStore ? await createPeerStore(store) : store;
      const { inbox, clock } = createTestInbox(store);
      const other = createTestInbox(peer, { clock }).inbox;
      const item = await inbox.escalate(refundEscalation());
      const claimers = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id, index) =>
        (index % 2 ? other : inbox).claim(item.id, {
          reviewer: { id, type: 'human' },
          leaseMs: 60_000,
        }),
      );
      const settled = await Promise.allSettled(claimers);
      const won = settled.filter((result) => result.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const result of settled)
        if (result.status === 'rejected') expect(result.reason).toSatisfy(code('lease_held'));
      const holder = (await inbox.get(item.id)).assignee as string;
      expect(holder).toMatch(/^r\d$/);
      clock.advance(60_000);
      const taken = await other.claim(item.id, { reviewer: { id: 'late', type: 'human' } });
      expect(taken).toMatchObject({ assignee: 'late', acknowledgedAt: testNow });
    });

    it('decides once and runs the action once when reviewers approve at the same moment', async () => {
      const store = await createStore();
      const peer = createPeerStore ? await createPeerStore(store) : store;
      const first = createTestInbox(store);
      // A second process: its own inbox over the same data, sharing the undo log.
      const second = createTestInbox(peer, {
        clock: first.clock,
        undoLog: first.undoLog,
      });
      const item = await first.inbox.escalate(refundEscalation());
      const settled = await Promise.allSettled([
        first.inbox.approve(item.id, { reviewer: reviewers.tier1 }),
        second.inbox.approve(item.id, { reviewer: reviewers.tier1b }),
        first.inbox.approve(item.id, { reviewer: reviewers.tier2 }),
      ]);
      const won = settled.filter((result) => result.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const result of settled)
        if (result.status === 'rejected') expect(result.reason).toSatisfy(code('already_decided'));
      const { orderId } = (item.action as { input: { orderId: string } }).input;
      expect([...first.runs, ...second.runs]).toEqual([`refund ${orderId} 40`]);
      const decided = await first.inbox.get(item.id);
      expect(decided).toMatchObject({ status: 'approved', result: { refundId: 'r-1' } });
      expect(decided.history.map((entry) => entry.type)).toEqual([
        'escalated',
        'approved',
        'action_completed',
      ]);
    });

    it('runs an irreversible action only with the inbox-bound approval', async () => {
      const store = await createStore();
      const { inbox, runs, undoLog } = createTestInbox(store);
      const item = await inbox.escalate(
        refundEscalation({ action: { name: 'delete_account', input: { accountId: 'a-7' } } }),
      );
      // A token the inbox does not hold is refused by the inbox's verifier.
      await expect(
        undoLog.run(
          'delete_account',
          { accountId: 'a-7' },
          {
            idempotencyKey: `inbox:${item.id}`,
            traceId: item.traceId,
            actor: reviewers.tier2,
            approval: {
              approvedBy: 'sam',
              approvedAt: testNow,
              actionName: 'delete_account',
              idempotencyKey: `inbox:${item.id}`,
              signature: hashActionInput({ accountId: 'a-7' }),
            },
          },
        ),
      ).rejects.toSatisfy(code('approval_rejected'));
      await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
        code('reviewer_not_authorized'),
      );
      const approved = await inbox.approve(item.id, {
        reviewer: reviewers.tier2,
        note: 'verified',
      });
      expect(approved).toMatchObject({ status: 'approved', result: { deleted: true } });
      expect(runs).toEqual(['delete a-7']);
      expect(approved.history.map((entry) => entry.type)).toEqual([
        'escalated',
        'authority_denied',
        'approved',
        'action_completed',
      ]);
    });

    it('keeps an edit as a diff, runs the edited input and refuses what the rails deny', async () => {
      const store = await createStore();
      const { inbox, runs } = createTestInbox(store);
      const item = await inbox.escalate(refundEscalation());
      const { orderId } = (item.action as { input: { orderId: string } }).input;
      await expect(
        inbox.approveWithEdits(item.id, {
          reviewer: reviewers.tier1,
          input: { orderId, amount: 900 },
        }),
      ).rejects.toSatisfy(code('edit_refused'));
      const approved = await inbox.approveWithEdits(item.id, {
        reviewer: reviewers.tier1,
        input: { orderId, amount: 25 },
        note: 'half was already refunded',
      });
      expect(approved.decision).toMatchObject({
        kind: 'approve_with_edits',
        input: { orderId, amount: 25 },
        inputHash: hashActionInput({ orderId, amount: 25 }),
        diff: [{ path: ['amount'], before: 40, after: 25 }],
      });
      expect(runs).toEqual([`refund ${orderId} 25`]);
    });

    it('rejects without running anything, and lists what is due', async () => {
      const store = await createStore();
      const { inbox, runs, clock } = createTestInbox(store);
      const urgent = await inbox.escalate(refundEscalation({ priority: 'urgent' }));
      const normal = await inbox.escalate(refundEscalation());
      clock.advance(4 * 60_000);
      const warned = await inbox.due({ warnBeforeMs: 60_000 });
      expect(warned.items.map((entry) => [entry.item.id, entry.deadlines])).toEqual([
        [urgent.id, [{ clock: 'acknowledge', dueAt: testNow + 5 * 60_000, state: 'warning' }]],
      ]);
      clock.advance(60 * 60_000);
      const breached = await inbox.due();
      expect(breached.items.map((entry) => entry.item.id)).toEqual([urgent.id, normal.id]);
      const rejected = await inbox.reject(urgent.id, {
        reviewer: reviewers.tier1,
        reason: 'customer withdrew the request',
      });
      expect(rejected).toMatchObject({ status: 'rejected', decision: { kind: 'reject' } });
      expect(runs).toEqual([]);
      expect((await inbox.due()).items.map((entry) => entry.item.id)).toEqual([normal.id]);
      expect((await inbox.list({ overdue: true })).items.map((entry) => entry.id)).toEqual([
        normal.id,
      ]);
    });
  });
}
