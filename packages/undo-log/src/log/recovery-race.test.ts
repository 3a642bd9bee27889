import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import { agent, createTestBank, hasCode } from '../test-support/test-log';
import { createUndoLog } from './create-undo-log';

describe('recovery racing a live run', () => {
  it('leaves a run alone while its lease holds, and fails the run typed once recovery took it', async () => {
    const bank = createTestBank();
    const store = createMemoryUndoLogStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slowCredit = {
      ...bank.credit,
      do: async (...args: Parameters<typeof bank.credit.do>) => {
        entered();
        await gate;
        return bank.credit.do(...args);
      },
    };
    const logAt = (now: number, ownerId: string) =>
      createUndoLog({
        store,
        actions: [slowCredit],
        clock: createManualClock(now),
        leaseMs: 1_000,
        ownerId,
        retry: { minTimeoutMs: 0 },
      });
    const live = logAt(0, 'live');
    const running = live
      .run(
        slowCredit,
        { account: 'acme', amount: 5 },
        { idempotencyKey: 'k', traceId: 't', actor: agent },
      )
      .catch((error) => error);
    await inside;
    // Within the lease: nothing to recover.
    expect((await logAt(500, 'early').recover()).records).toEqual([]);
    // A process whose clock is past the lease takes the record over while `do` still runs.
    expect((await logAt(10_000, 'late').recover()).records).toMatchObject([{ outcome: 'undone' }]);
    release();
    expect(hasCode('lease_lost')(await running)).toBe(true);
    expect((await store.getByIdempotencyKey('k'))?.status).toBe('undone');
  });
});
