import { describe, expect, it } from 'vitest';
import { agent, createTestBank, createTestLog, hasCode } from '../test-support/test-log';

const options = { idempotencyKey: 'refund-T1', traceId: 'trace-1', actor: agent };
const input = { account: 'acme', amount: 5 };

describe('UndoLog.run failures and retries', () => {
  it('retries retryable failures with backoff and records the attempts', async () => {
    const { log, credit, failures, calls } = createTestLog();
    failures.credit = 2;
    const result = await log.run(credit, input, options);
    expect(result).toMatchObject({ status: 'done', result: { balance: 5 } });
    expect(calls).toEqual(['do credit acme 5 #1', 'do credit acme 5 #2', 'do credit acme 5 #3']);
    expect((await log.getRecord('action-1')).attempts).toBe(3);
  });

  it('records failed with the last error once retries are exhausted, keeping retryability', async () => {
    const { log, credit, failures } = createTestLog({ retry: { retries: 1, minTimeoutMs: 0 } });
    failures.credit = 5;
    await expect(log.run(credit, input, options)).rejects.toSatisfy(
      (error) => hasCode('action_failed')(error) && (error as { isRetryable: boolean }).isRetryable,
    );
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: { code: 'flaky', message: 'temporarily unavailable' },
      leaseOwner: null,
    });
  });

  it('does not retry errors that are not transient', async () => {
    const bank = createTestBank();
    const broken = { ...bank.credit, do: () => Promise.reject(new Error('account closed')) };
    const { log } = createTestLog({ actions: [broken] }, bank);
    await expect(log.run(broken, input, options)).rejects.toSatisfy(
      (error) =>
        hasCode('action_failed')(error) && (error as Error).message.includes('account closed'),
    );
    expect(await log.getRecord('action-1')).toMatchObject({
      attempts: 1,
      error: { code: 'Error' },
    });
  });

  it('uses a per-action or a custom retry predicate', async () => {
    const { log, credit, failures, calls } = createTestLog({
      retry: {
        minTimeoutMs: 0,
        isRetryable: (error) => (error as Error).message.includes('temporarily'),
      },
    });
    failures.credit = 1;
    await log.run(credit, input, options);
    expect(calls).toHaveLength(2);

    const bank = createTestBank();
    const strict = { ...bank.credit, retry: { retries: 0 } };
    const { log: strictLog } = createTestLog({ actions: [strict] }, bank);
    bank.failures.credit = 1;
    await expect(strictLog.run(strict, input, options)).rejects.toSatisfy(hasCode('action_failed'));
    expect(bank.calls).toHaveLength(1);
  });

  it('runs a failed key again, since a failed do has no effect', async () => {
    const { log, credit, failures, balances } = createTestLog({ retry: { retries: 0 } });
    failures.credit = 1;
    await expect(log.run(credit, input, options)).rejects.toSatisfy(hasCode('action_failed'));
    const retried = await log.run(credit, input, { ...options, traceId: 'trace-2' });
    expect(retried).toMatchObject({ status: 'done', actionId: 'action-1', replayed: false });
    expect(balances.get('acme')).toBe(5);
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'done',
      attempts: 2,
      traceId: 'trace-2',
      error: null,
    });
  });

  it('stops retrying when aborted and rejects with the abort reason', async () => {
    const bank = createTestBank();
    const controller = new AbortController();
    const aborting: typeof bank.credit = {
      ...bank.credit,
      do: (value, context) => {
        if (context.attempt === 2) controller.abort(new Error('shutdown'));
        return bank.credit.do(value, context);
      },
    };
    const { log } = createTestLog(
      { actions: [aborting], retry: { retries: 5, minTimeoutMs: 0 } },
      bank,
    );
    bank.failures.credit = 10;
    await expect(
      log.run(aborting, input, { ...options, abortSignal: controller.signal }),
    ).rejects.toThrow('shutdown');
    expect(bank.calls).toHaveLength(2);
    expect(await log.getRecord('action-1')).toMatchObject({
      status: 'failed',
      error: { message: 'shutdown' },
    });
  });
});
