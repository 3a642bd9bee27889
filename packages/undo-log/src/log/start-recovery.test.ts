import { describe, expect, it } from 'vitest';
import { newTestRecord } from '../test/new-test-record';
import { createTestLog, hasCode, testNow } from '../test-support/test-log';
import type { RecoverResult } from './recover';

const stranded = (account: string) =>
  newTestRecord({
    actionName: 'credit',
    input: { account, amount: 5 },
    snapshot: { before: 0 },
    leaseOwner: 'crashed-process',
    leaseExpiresAt: testNow - 1,
  });

/** Collects what the loop reports; `next()` resolves at the next report. */
function reports() {
  const rounds: RecoverResult[] = [];
  const errors: unknown[] = [];
  let wake: () => void = () => {};
  const next = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  return {
    rounds,
    errors,
    next,
    onRound: (result: RecoverResult) => {
      rounds.push(result);
      wake();
    },
    onError: (error: unknown) => {
      errors.push(error);
      wake();
    },
  };
}

describe('UndoLog.startRecovery', () => {
  it('recovers at once, then every intervalMs on the log clock, until stopped', async () => {
    const { log, store, clock } = createTestLog();
    const seen = reports();
    const first = seen.next();
    await store.insert(stranded('a'));
    const loop = log.startRecovery({ intervalMs: 30_000, ...seen });
    await first;
    expect(seen.rounds.map((round) => round.records.length)).toEqual([1]);

    await store.insert(stranded('b'));
    clock.advance(29_999);
    expect(seen.rounds).toHaveLength(1);
    const second = seen.next();
    clock.advance(1);
    await second;
    expect(seen.rounds.map((round) => round.records.length)).toEqual([1, 1]);

    await loop.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(120_000);
    expect(seen.rounds).toHaveLength(2);
  });

  it('reports a failed round and carries on', async () => {
    const { log, store, clock } = createTestLog();
    const claimExpired = store.claimExpired;
    let failing = true;
    store.claimExpired = (options) =>
      failing ? Promise.reject(new Error('connection refused')) : claimExpired(options);
    const seen = reports();
    const first = seen.next();
    const loop = log.startRecovery({ intervalMs: 1_000, ...seen });
    await first;
    expect(seen.errors).toHaveLength(1);
    expect(hasCode('store_unavailable')(seen.errors[0])).toBe(true);

    failing = false;
    const second = seen.next();
    clock.advance(1_000);
    await second;
    expect(seen.rounds).toHaveLength(1);
    await loop.stop();
  });

  it('keeps going when the host callbacks throw', async () => {
    const { log, clock } = createTestLog();
    let rounds = 0;
    let wake: () => void = () => {};
    const loop = log.startRecovery({
      intervalMs: 1_000,
      onRound: () => {
        rounds += 1;
        throw new Error('host bug');
      },
      onError: () => {
        wake();
        throw new Error('host bug in the error handler');
      },
    });
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    const again = new Promise<void>((resolve) => {
      wake = resolve;
    });
    clock.advance(1_000);
    await again;
    expect(rounds).toBe(2);
    await loop.stop();
  });

  it('stops when its abort signal fires', async () => {
    const { log, clock } = createTestLog();
    const controller = new AbortController();
    const seen = reports();
    const first = seen.next();
    log.startRecovery({ intervalMs: 1_000, abortSignal: controller.signal, ...seen });
    await first;
    controller.abort();
    clock.advance(10_000);
    expect(seen.rounds).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);

    const aborted = reports();
    log.startRecovery({ intervalMs: 1_000, abortSignal: controller.signal, ...aborted });
    clock.advance(10_000);
    expect(aborted.rounds).toEqual([]);
  });

  it.each([
    ['no interval', { onError: () => {} }],
    ['a zero interval', { intervalMs: 0, onError: () => {} }],
    ['no onError', { intervalMs: 1_000 }],
    ['a bad policy', { intervalMs: 1_000, onError: () => {}, policy: 'pray' }],
  ])('rejects %s as invalid input', (_, options) => {
    const { log } = createTestLog();
    expect(() => log.startRecovery(options as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
