import { describe, expect, it } from 'vitest';
import { agent, createTestLog, hasCode, supervisor, testNow } from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };
const input = { account: 'acme', amount: 5 };

describe('UndoLog.undo', () => {
  it('reverses a done action and records who undid it, why and when', async () => {
    const { log, credit, balances, clock } = createTestLog();
    balances.set('acme', 100);
    await log.run(credit, input, options);
    clock.advance(60_000);
    const result = await log.undo('action-1', { by: supervisor, reason: 'duplicate refund' });
    const undo = {
      by: { ...supervisor, roles: [] },
      reason: 'duplicate refund',
      at: testNow + 60_000,
    };
    expect(result).toEqual({
      actionId: 'action-1',
      actionName: 'credit',
      status: 'undone',
      alreadyUndone: false,
      undo,
    });
    expect(balances.get('acme')).toBe(100);
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'undone',
      undo,
      leaseOwner: null,
    });
  });

  it('is idempotent: a second undo changes nothing and reports the first', async () => {
    const { log, credit, calls } = createTestLog();
    await log.run(credit, input, options);
    const first = await log.undo('action-1', { by: supervisor, reason: 'first' });
    const second = await log.undo('action-1', { by: agent, reason: 'second' });
    expect(second).toEqual({ ...first, alreadyUndone: true });
    expect(calls.filter((call) => call.startsWith('undo'))).toHaveLength(1);
  });

  it('runs undo once when two undos race', async () => {
    const { log, credit, calls } = createTestLog();
    await log.run(credit, input, options);
    const results = await Promise.allSettled([
      log.undo('action-1', { by: supervisor, reason: 'a' }),
      log.undo('action-1', { by: supervisor, reason: 'b' }),
    ]);
    expect(calls.filter((call) => call.startsWith('undo'))).toHaveLength(1);
    expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
  });

  it('keeps the action done and undoable when undo fails', async () => {
    const { log, credit, failures, balances } = createTestLog({ retry: { retries: 0 } });
    await log.run(credit, input, options);
    failures.undo = 1;
    await expect(log.undo('action-1', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('undo_failed'),
    );
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'done',
      undo: null,
      error: { message: 'ledger locked' },
    });
    await log.undo('action-1', { by: supervisor, reason: 'x' });
    expect(balances.get('acme')).toBe(0);
  });

  it('returns undone when the key is run again after an undo', async () => {
    const { log, credit, calls } = createTestLog();
    await log.run(credit, input, options);
    await log.undo('action-1', { by: supervisor, reason: 'x' });
    const replay = await log.run(credit, input, options);
    expect(replay).toEqual({
      status: 'undone',
      actionId: 'action-1',
      result: { balance: 5 },
      replayed: true,
    });
    expect(calls).toHaveLength(2);
  });

  it('rejects bad requests with stable codes', async () => {
    const { log, credit, failures } = createTestLog({ retry: { retries: 0 } });
    await expect(log.undo('missing', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('action_not_found'),
    );
    await expect(log.undo('', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(log.undo('action-1', { by: supervisor, reason: '' })).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(log.undo('action-1', {} as never)).rejects.toSatisfy(hasCode('invalid_input'));
    failures.credit = 1;
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('action_failed'));
    await expect(log.undo('action-1', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('invalid_action_state'),
    );
  });
});
