import { GuardloopError, StoreUnavailableError } from '@guardloop/core';
import type { UndoLog } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { createMemoryInboxStore } from '../store/memory-inbox-store';
import { createTestInbox, refundEscalation, reviewers } from '../test/test-inbox';

const code = (expected: string) => (error: unknown) => GuardloopError.hasCode(error, expected);
const minute = 60_000;

/**
 * A process that dies mid-decision, as the store sees it: the undo log call never returns
 * (`before`: before the action started; `after`: after it ran or failed), so the item is left
 * `approving`.
 */
function crashing(undoLog: UndoLog, when: 'before' | 'after'): UndoLog {
  const died = () => new StoreUnavailableError({ operation: 'simulated crash' });
  return {
    ...undoLog,
    run: (async (...args: Parameters<UndoLog['run']>) => {
      if (when === 'before') throw died();
      await (undoLog.run as (...call: unknown[]) => Promise<unknown>)(...args).catch(() => {});
      throw died();
    }) as unknown as UndoLog['run'],
  };
}

async function leftApproving(when: 'before' | 'after', input = { orderId: 'o-1', amount: 40 }) {
  const store = createMemoryInboxStore();
  const healthy = createTestInbox(store);
  const dying = createTestInbox(store, {
    clock: healthy.clock,
    undoLog: crashing(healthy.undoLog, when),
  }).inbox;
  const item = await healthy.inbox.escalate(
    refundEscalation({ action: { name: 'refund', input } }),
  );
  await expect(dying.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
    code('store_unavailable'),
  );
  expect((await healthy.inbox.get(item.id)).status).toBe('approving');
  return { ...healthy, item };
}

describe('inbox.recover()', () => {
  it('records the result of an action that ran before the process died', async () => {
    const { inbox, clock, runs, item } = await leftApproving('after');
    expect(runs).toHaveLength(1);
    // Too recent: the deciding process may still be finishing it.
    expect((await inbox.recover()).items).toEqual([]);
    clock.advance(minute);
    const { items } = await inbox.recover();
    expect(items).toMatchObject([
      {
        escalationId: item.id,
        outcome: 'completed',
        item: { status: 'approved', result: { refundId: 'r-1' } },
      },
    ]);
    expect(items[0]?.item.history.map((entry) => entry.type)).toEqual([
      'escalated',
      'approved',
      'action_completed',
    ]);
    expect((await inbox.recover()).items).toEqual([]);
    expect(runs).toHaveLength(1);
  });

  it('reports an action that never started, which the deciding reviewer then runs', async () => {
    const { inbox, clock, runs, item } = await leftApproving('before');
    clock.advance(minute);
    expect((await inbox.recover()).items).toMatchObject([
      { escalationId: item.id, outcome: 'not_started', item: { status: 'approving' } },
    ]);
    expect(runs).toEqual([]);
    const done = await inbox.approve(item.id, { reviewer: reviewers.tier1 });
    expect(done).toMatchObject({ status: 'approved', result: { refundId: 'r-1' } });
    expect(runs).toHaveLength(1);
  });

  it('records an action that failed before the process died', async () => {
    const { inbox, clock, item } = await leftApproving('after', { orderId: 'o-fail', amount: 1 });
    clock.advance(minute);
    expect((await inbox.recover({ olderThanMs: 0 })).items).toMatchObject([
      { outcome: 'failed', item: { status: 'failed', error: { code: 'action_failed' } } },
    ]);
    expect((await inbox.get(item.id)).history.at(-1)).toMatchObject({ type: 'action_failed' });
  });

  it('reports an interrupted run and reads damaged options as invalid_input', async () => {
    const store = createMemoryInboxStore();
    const test = createTestInbox(store);
    const item = await test.inbox.escalate(refundEscalation());
    // The undo log has the run as in progress (its process died inside `do`).
    const stuck: UndoLog = {
      ...test.undoLog,
      listTrace: async () => [{ idempotencyKey: `inbox:${item.id}`, status: 'pending' }] as never,
    };
    const dying = createTestInbox(store, {
      clock: test.clock,
      undoLog: crashing(test.undoLog, 'before'),
    }).inbox;
    await dying.approve(item.id, { reviewer: reviewers.tier1 }).catch(() => {});
    const recovering = createTestInbox(store, { clock: test.clock, undoLog: stuck }).inbox;
    expect((await recovering.recover({ olderThanMs: 0 })).items).toMatchObject([
      { outcome: 'interrupted', item: { status: 'approving' } },
    ]);
    await expect(recovering.recover({ olderThanMs: -1 })).rejects.toSatisfy(code('invalid_input'));
    const aborted = AbortSignal.abort(new Error('stop'));
    await expect(recovering.recover({ abortSignal: aborted })).rejects.toThrow('stop');
  });
});
