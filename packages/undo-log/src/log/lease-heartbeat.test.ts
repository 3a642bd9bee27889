import { describe, expect, it } from 'vitest';
import { agent, createTestBank, createTestLog, hasCode, testNow } from '../test-support/test-log';

const options = { idempotencyKey: 'k1', traceId: 'trace-1', actor: agent };
const input = { account: 'a', amount: 1 };

/** An action whose `do` waits until the test releases it. */
function blockingLog() {
  const bank = createTestBank();
  let release = () => {};
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const blocked: typeof bank.credit = {
    ...bank.credit,
    do: async (value, context) => {
      markStarted();
      await new Promise<void>((resolve) => (release = resolve));
      return bank.credit.do(value, context);
    },
  };
  const process = createTestLog({ actions: [blocked] }, bank);
  const other = createTestLog({ store: process.store, ownerId: 'process-b' });
  return { ...process, blocked, other, started, release: () => release() };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('leases of running actions', () => {
  it('are renewed while do runs, so another process does not recover a live action', async () => {
    const { log, blocked, clock, other, started, release } = blockingLog();
    const running = log.run(blocked, input, options);
    await started;
    for (let step = 0; step < 6; step++) {
      clock.advance(3_400);
      await flush();
    }
    other.clock.set(clock.now());
    expect((await other.log.recover()).records).toEqual([]);
    release();
    await expect(running).resolves.toMatchObject({ status: 'done' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('are lost when do outruns them; the late result is refused with lease_lost', async () => {
    const { log, blocked, clock, other, started, release, balances } = blockingLog();
    const running = log.run(blocked, input, options);
    await started;
    clock.advance(20_000);
    other.clock.set(testNow + 20_000);
    expect((await other.log.recover()).records).toMatchObject([{ outcome: 'undone' }]);
    release();
    await expect(running).rejects.toSatisfy(hasCode('lease_lost'));
    expect(balances.get('a')).toBe(1);
    expect((await log.getRecord('action-1')).status).toBe('undone');
  });

  it('keep a do that finished as done even if the caller aborted meanwhile', async () => {
    const bank = createTestBank();
    const controller = new AbortController();
    const aborting: typeof bank.credit = {
      ...bank.credit,
      do: (value, context) => {
        controller.abort(new Error('late abort'));
        return bank.credit.do(value, context);
      },
    };
    const { log } = createTestLog({ actions: [aborting] }, bank);
    const result = await log.run(aborting, input, { ...options, abortSignal: controller.signal });
    expect(result.status).toBe('done');
    expect((await log.getRecord('action-1')).status).toBe('done');
  });
});
