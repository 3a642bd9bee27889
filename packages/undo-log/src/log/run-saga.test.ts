import { describe, expect, it } from 'vitest';
import type { SagaFailedError } from '../errors/saga-failed-error';
import { agent, approvalFor, createTestLog, hasCode } from '../test-support/test-log';

const options = { traceId: 'saga-trace', actor: agent, idempotencyKey: 'saga-1' };
const credit = (account: string, amount = 1) => ({ action: 'credit', input: { account, amount } });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the saga to fail'),
    (error: unknown) => error as SagaFailedError,
  );

describe('UndoLog.runSaga', () => {
  it('runs every step in order under derived keys, and replays on a retry', async () => {
    const { log, calls } = createTestLog();
    const steps = [credit('a'), credit('b'), credit('c')];
    expect((await log.runSaga(steps, options)).status).toBe('done');
    expect(calls).toEqual(['do credit a 1 #1', 'do credit b 1 #1', 'do credit c 1 #1']);
    const keys = (await log.listTrace('saga-trace')).map((record) => record.idempotencyKey);
    expect(keys).toEqual(['saga-1:0', 'saga-1:1', 'saga-1:2']);
    const again = await log.runSaga(steps, options);
    expect(again.status === 'done' && again.steps.every((step) => step.replayed)).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('rolls back completed steps in reverse order when a later step fails', async () => {
    const { log, calls, balances, frozen } = createTestLog({ retry: { retries: 0 } });
    frozen.add('c');
    const error = await failure(
      log.runSaga([credit('a'), credit('b', 2), credit('c'), credit('d')], options),
    );
    expect(hasCode('saga_failed')(error)).toBe(true);
    expect(error).toMatchObject({
      failedStep: 2,
      failedActionName: 'credit',
      rolledBack: ['action-2', 'action-1'],
      notRolledBack: [],
    });
    expect(hasCode('action_failed')(error.cause)).toBe(true);
    expect(calls.filter((call) => call.startsWith('undo'))).toEqual([
      'undo credit b 2',
      'undo credit a 1',
    ]);
    expect([...balances.values()]).toEqual([0, 0]);
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'undone',
      undo: {
        by: { id: 'agent-1' },
        reason: expect.stringContaining("saga step 2 ('credit') failed"),
      },
    });
  });

  it('reports completed steps it could not roll back', async () => {
    const { log, frozen, failures } = createTestLog({ retry: { retries: 0 } });
    frozen.add('z');
    const email = {
      action: 'send_email',
      input: { to: 'c@example.com' },
      approval: approvalFor('saga-1:1'),
    };
    failures.undo = 1;
    const error = await failure(log.runSaga([credit('a'), email, credit('z')], options));
    expect(error.rolledBack).toEqual([]);
    expect(error.notRolledBack).toMatchObject([
      { actionId: 'action-2', actionName: 'send_email', reason: 'irreversible' },
      { actionId: 'action-1', actionName: 'credit', reason: 'undo_failed' },
    ]);
  });

  it('validates every step before running any', async () => {
    const { log, calls } = createTestLog();
    const bad = [credit('a'), { action: 'credit', input: { account: 'b', amount: -1 } }];
    await expect(log.runSaga(bad, options)).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(
      log.runSaga([credit('a'), { action: 'teleport', input: {} }], options),
    ).rejects.toSatisfy(hasCode('unknown_action'));
    await expect(log.runSaga([], options)).rejects.toSatisfy(hasCode('invalid_input'));
    await expect(log.runSaga([credit('a')], { ...options, traceId: '' })).rejects.toSatisfy(
      hasCode('invalid_input'),
    );
    expect(calls).toEqual([]);
  });

  it('fails at a step that needs an approval it lacks, rolling back before it', async () => {
    const { log, sent } = createTestLog();
    const error = await failure(
      log.runSaga([credit('a'), { action: 'send_email', input: { to: 'c@example.com' } }], options),
    );
    expect(hasCode('approval_required')(error.cause)).toBe(true);
    expect(error.rolledBack).toEqual(['action-1']);
    expect(sent).toEqual([]);
  });

  it('plans every step in a dry run', async () => {
    const { log, calls } = createTestLog();
    const result = await log.runSaga([credit('a'), credit('b')], { ...options, dryRun: true });
    expect(result).toMatchObject({
      status: 'dry_run',
      plans: [{ action: 'credit' }, { action: 'credit' }],
    });
    expect(calls).toEqual([]);
  });

  it('rolls back, then rejects with the abort reason when aborted', async () => {
    const { log, balances, credit: creditAction } = createTestLog();
    const controller = new AbortController();
    const original = creditAction.do;
    creditAction.do = (input, context) => {
      if (input.account === 'b') controller.abort(new Error('shutdown'));
      return original(input, context);
    };
    const saga = log.runSaga([credit('a'), credit('b'), credit('c')], {
      ...options,
      abortSignal: controller.signal,
    });
    await expect(saga).rejects.toThrow('shutdown');
    expect([...balances]).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
    const statuses = (await log.listTrace('saga-trace')).map((record) => record.status);
    expect(statuses).toEqual(['undone', 'undone']);
  });
});
