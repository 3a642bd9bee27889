import { describe, expect, it } from 'vitest';
import { newTestRecord } from '../test/new-test-record';
import { createTestLog, hasCode, supervisor, testNow } from '../test-support/test-log';

const lease = { leaseOwner: 'crashed-process', leaseExpiresAt: testNow - 1 };
const creditRecord = (account: string, before: number, overrides = {}) =>
  newTestRecord({
    actionName: 'credit',
    input: { account, amount: 5 },
    snapshot: { before },
    ...lease,
    ...overrides,
  });

describe('UndoLog.recover', () => {
  it('completes a pending record when isComplete confirms the effect', async () => {
    const { log, store, balances, calls } = createTestLog();
    const record = creditRecord('a', 0);
    await store.insert(record);
    balances.set('a', 5);
    const { records } = await log.recover();
    expect(records).toEqual([
      { actionId: record.id, actionName: 'credit', from: 'pending', outcome: 'completed' },
    ]);
    expect(await log.getRecord(record.id)).toMatchObject({
      status: 'done',
      result: null,
      leaseOwner: null,
    });
    expect(calls).toEqual([]);
  });

  it('undoes a pending record whose effect is not confirmed, recording the recovery', async () => {
    const { log, store, balances } = createTestLog();
    const record = creditRecord('a', 3);
    await store.insert(record);
    balances.set('a', 3);
    const { records } = await log.recover({ policy: 'complete-or-undo' });
    expect(records[0]?.outcome).toBe('undone');
    expect(await log.getRecord(record.id)).toMatchObject({
      status: 'undone',
      undo: {
        by: { id: 'undo-log-recovery:process-a', type: 'system' },
        reason: expect.stringContaining('crash recovery'),
      },
    });
    expect(balances.get('a')).toBe(3);
  });

  it("undoes even confirmed effects under the 'undo' policy", async () => {
    const { log, store, balances } = createTestLog();
    await store.insert(creditRecord('a', 0));
    balances.set('a', 5);
    expect((await log.recover({ policy: 'undo' })).records[0]?.outcome).toBe('undone');
    expect(balances.get('a')).toBe(0);
  });

  it("marks records failed without running anything under the 'fail' policy", async () => {
    const { log, store, calls } = createTestLog();
    const record = creditRecord('a', 0);
    await store.insert(record);
    expect((await log.recover({ policy: 'fail' })).records[0]?.outcome).toBe('failed');
    expect(await log.getRecord(record.id)).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted' },
    });
    expect(calls).toEqual([]);
  });

  it('marks an unconfirmed irreversible action failed: it can be neither completed nor undone', async () => {
    const { log, store } = createTestLog();
    const record = newTestRecord({
      actionName: 'send_email',
      reversible: false,
      input: { to: 'a@b.co' },
      ...lease,
    });
    await store.insert(record);
    expect((await log.recover({ policy: 'undo' })).records[0]?.outcome).toBe('failed');
  });

  it('finishes an undo that a crash interrupted, keeping who asked for it', async () => {
    const { log, store, balances } = createTestLog();
    const undo = {
      by: { ...supervisor, roles: [] },
      reason: 'refund by mistake',
      at: testNow - 10,
    };
    const record = creditRecord('a', 1, { status: 'undoing', result: { balance: 6 }, undo });
    await store.insert(record);
    balances.set('a', 6);
    expect((await log.recover()).records[0]).toMatchObject({ from: 'undoing', outcome: 'undone' });
    expect(await log.getRecord(record.id)).toMatchObject({ status: 'undone', undo });
    expect(balances.get('a')).toBe(1);
  });

  it('leaves records of live processes alone until their lease expires', async () => {
    const { log, store, clock } = createTestLog();
    await store.insert(creditRecord('a', 0, { leaseExpiresAt: testNow + 5_000 }));
    expect((await log.recover()).records).toEqual([]);
    clock.advance(5_000);
    expect((await log.recover()).records).toHaveLength(1);
  });

  it('reports records it cannot recover and retries them after the lease expires', async () => {
    const { log, store, clock, failures } = createTestLog({ retry: { retries: 0 } });
    const unknown = newTestRecord({ actionName: 'retired_action', ...lease });
    const stuck = creditRecord('a', 0);
    await store.insert(unknown);
    await store.insert(stuck);
    failures.undo = 1;
    const first = await log.recover();
    expect(first.records.map((record) => [record.actionId, record.outcome])).toEqual([
      [stuck.id, 'error'],
      [unknown.id, 'error'],
    ]);
    expect(hasCode('unknown_action')(first.records[1]?.error)).toBe(true);
    expect(await log.getRecord(stuck.id)).toMatchObject({
      status: 'pending',
      error: { message: 'ledger locked' },
    });
    expect((await log.recover()).records).toEqual([]);
    clock.advance(10_000);
    expect((await log.recover()).records.map((record) => record.outcome)).toEqual([
      'undone',
      'error',
    ]);
  });

  it('rejects malformed options', async () => {
    const { log } = createTestLog();
    await expect(log.recover({ policy: 'pray' } as never)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(log.recover({ limit: 0 })).rejects.toSatisfy(hasCode('invalid_input'));
  });
});
