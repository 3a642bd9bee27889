import { createManualClock } from '@guardloop/core';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import type { UndoLogStore } from '../store/undo-log-store';
import { agent, createTestBank, createTestLog, testNow } from '../test-support/test-log';
import { createLeaseKeeper } from './lease-keeper';

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Actions whose `do` waits until the test releases them all. */
function blockingLog() {
  const bank = createTestBank();
  let releaseAll = () => {};
  const released = new Promise<void>((resolve) => (releaseAll = resolve));
  let started = 0;
  const blocked: typeof bank.credit = {
    ...bank.credit,
    do: async (value, context) => {
      started += 1;
      await released;
      return bank.credit.do(value, context);
    },
  };
  const process = createTestLog({ actions: [blocked] }, bank);
  const other = createTestLog({ store: process.store, ownerId: 'process-b' });
  return { ...process, blocked, other, started: () => started, release: releaseAll };
}

describe('the lease keeper of an undo log', () => {
  it('renews every running action with one timer and one updateMany per beat', async () => {
    const { log, blocked, clock, other, store, started, release } = blockingLog();
    const updateMany = vi.spyOn(store, 'updateMany' as never) as unknown as {
      mock: { calls: Array<[Array<{ id: string }>]> };
    };
    const runs = ['a', 'b', 'c'].map((account, index) =>
      log.run(
        blocked,
        { account, amount: 1 },
        {
          idempotencyKey: `k-${index}`,
          traceId: 'trace-1',
          actor: agent,
        },
      ),
    );
    while (started() < 3) await flush();
    // One heartbeat for the three leases.
    expect(clock.pendingTimers()).toBe(1);
    const before = updateMany.mock.calls.length;
    for (let beat = 0; beat < 6; beat++) {
      clock.advance(3_400);
      await flush();
    }
    const beats = updateMany.mock.calls.slice(before);
    expect(beats.length).toBe(6);
    for (const [updates] of beats) {
      expect(updates.map((update) => update.id).sort()).toEqual([
        'action-1',
        'action-2',
        'action-3',
      ]);
    }
    // 20 s later, twice the lease: none of the three is taken for a crashed one.
    other.clock.set(clock.now());
    expect((await other.log.recover()).records).toEqual([]);
    release();
    await Promise.all(runs.map((run) => expect(run).resolves.toMatchObject({ status: 'done' })));
    expect(clock.pendingTimers()).toBe(0);
  });

  it('renews one update per lease on a store without updateMany, and stops when all are released', async () => {
    const clock = createManualClock(testNow);
    const memory = createMemoryUndoLogStore();
    const update = vi.fn(memory.update.bind(memory));
    const { updateMany: _left, ...withoutUpdateMany } = memory;
    const store: UndoLogStore = { ...withoutUpdateMany, update };
    const keeper = createLeaseKeeper({ store, clock, leaseMs: 9_000, ownerId: 'me' });
    const releaseA = keeper.hold('a', ['pending']);
    const releaseB = keeper.hold('b', ['undoing']);
    clock.advance(3_000);
    await flush();
    expect(update.mock.calls.map(([id, change]) => [id, change.expect.statuses])).toEqual([
      ['a', ['pending']],
      ['b', ['undoing']],
    ]);
    releaseA();
    releaseA();
    expect(keeper.size()).toBe(1);
    releaseB();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(9_000);
    await flush();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('renews a record held twice once, under the statuses of both holds, until both end', async () => {
    const clock = createManualClock(testNow);
    const memory = createMemoryUndoLogStore();
    const updateMany = vi.fn(async () => [true]);
    const keeper = createLeaseKeeper({
      store: { ...memory, updateMany },
      clock,
      leaseMs: 9_000,
      ownerId: 'me',
    });
    const byRecovery = keeper.hold('a', ['pending', 'undoing']);
    const byUndo = keeper.hold('a', ['undoing']);
    clock.advance(3_000);
    await flush();
    expect(updateMany).toHaveBeenLastCalledWith([
      {
        id: 'a',
        expect: { statuses: ['pending', 'undoing'], leaseOwner: 'me' },
        set: { leaseExpiresAt: testNow + 3_000 + 9_000 },
      },
    ]);
    byUndo();
    expect(keeper.size()).toBe(1);
    clock.advance(3_000);
    await flush();
    expect(updateMany).toHaveBeenCalledTimes(2);
    byRecovery();
    expect(clock.pendingTimers()).toBe(0);
  });
});
