import { describe, expect, it } from 'vitest';
import { agent, approvalFor, createTestLog, hasCode, supervisor } from '../test-support/test-log';

const traceId = 'trace-1';
const run = (key: string) => ({ idempotencyKey: key, traceId, actor: agent });

describe('UndoLog.undoTrace', () => {
  it('undoes the done actions of a trace newest first and skips what it cannot undo', async () => {
    const { log, credit, sendEmail, calls, balances, failures } = createTestLog({
      retry: { retries: 0 },
    });
    await log.run(credit, { account: 'a', amount: 1 }, run('k1'));
    await log.run(
      sendEmail,
      { to: 'c@example.com' },
      { ...run('k2'), approval: approvalFor('k2') },
    );
    failures.credit = 1;
    await expect(log.run(credit, { account: 'b', amount: 2 }, run('k3'))).rejects.toSatisfy(
      hasCode('action_failed'),
    );
    await log.run(credit, { account: 'c', amount: 3 }, run('k4'));
    await log.run(credit, { account: 'other', amount: 9 }, { ...run('k5'), traceId: 'trace-2' });

    const result = await log.undoTrace(traceId, { by: supervisor, reason: 'wrong ticket' });
    expect(result.undone.map((undo) => undo.actionId)).toEqual(['action-4', 'action-1']);
    expect(result.skipped).toEqual([
      { actionId: 'action-3', actionName: 'credit', reason: 'failed' },
      { actionId: 'action-2', actionName: 'send_email', reason: 'irreversible' },
    ]);
    expect(calls.filter((call) => call.startsWith('undo'))).toEqual([
      'undo credit c 3',
      'undo credit a 1',
    ]);
    expect([...balances]).toEqual([
      ['a', 0],
      ['c', 0],
      ['other', 9],
    ]);
    const again = await log.undoTrace(traceId, { by: supervisor, reason: 'again' });
    expect(again.undone.every((undo) => undo.alreadyUndone)).toBe(true);
  });

  it('stops at the first failing undo and reports what it already undid', async () => {
    const { log, credit } = createTestLog({ retry: { retries: 0 } });
    await log.run(credit, { account: 'a', amount: 1 }, run('k1'));
    await log.run(credit, { account: 'b', amount: 1 }, run('k2'));
    await log.run(credit, { account: 'c', amount: 1 }, run('k3'));
    const undoCredit = credit.undo;
    let undos = 0;
    credit.undo = (input, context) => {
      undos += 1;
      if (undos === 2) throw new Error('ledger locked');
      return undoCredit(input, context);
    };
    const error = await log
      .undoTrace(traceId, { by: supervisor, reason: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'undo_failed',
      actionId: 'action-2',
      undoneActionIds: ['action-3'],
    });
    expect((await log.getRecord('action-1')).status).toBe('done');
  });

  it('refuses while an action of the trace is still running', async () => {
    const { log, store, credit } = createTestLog();
    await log.run(credit, { account: 'a', amount: 1 }, run('k1'));
    await store.update('action-1', { expect: { statuses: ['done'] }, set: { status: 'pending' } });
    await expect(log.undoTrace(traceId, { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('action_in_progress'),
    );
  });

  it('returns an empty result for an unknown trace and rejects bad input', async () => {
    const { log } = createTestLog();
    expect(await log.undoTrace('nothing', { by: supervisor, reason: 'x' })).toEqual({
      traceId: 'nothing',
      undone: [],
      skipped: [],
    });
    await expect(log.undoTrace('', { by: supervisor, reason: 'x' })).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    await expect(log.undoTrace('t', { by: { id: 'x' }, reason: 'x' } as never)).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
  });
});
