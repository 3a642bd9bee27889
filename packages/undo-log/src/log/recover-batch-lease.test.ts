import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import type { UndoLogStore } from '../store/undo-log-store';
import { newTestRecord } from '../test/new-test-record';
import { createTestLog, testNow } from '../test-support/test-log';

const leaseMs = 10_000;
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A reversible action whose first undo waits for `release`, counting every undo. */
function slowUndo() {
  const undone: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const action = defineAction({
    name: 'credit',
    input: z.object({ account: z.string() }),
    reversible: true,
    do: () => ({ ok: true }),
    undo: async (input) => {
      if (undone.length === 0) {
        undone.push(input.account);
        await gate;
        return;
      }
      undone.push(input.account);
    },
  });
  return { action, undone, release: () => release() };
}

async function crashedBatch(store: UndoLogStore, count: number) {
  for (let index = 0; index < count; index += 1) {
    await store.insert(
      newTestRecord({
        actionName: 'credit',
        input: { account: `a${index}` },
        leaseOwner: 'crashed-process',
        leaseExpiresAt: testNow - 1,
      }),
    );
  }
}

describe.each([
  ['with updateMany', (store: UndoLogStore) => store],
  [
    'without updateMany',
    (store: UndoLogStore): UndoLogStore => {
      const { updateMany: _, ...rest } = store;
      return rest;
    },
  ],
])('UndoLog.recover keeps the leases of its claimed batch (%s)', (_name, shape) => {
  it('a batch worked through for longer than the lease is not taken over by another process', async () => {
    const slow = slowUndo();
    const store = shape(createMemoryUndoLogStore());
    await crashedBatch(store, 3);
    const first = createTestLog({ store, actions: [slow.action], leaseMs, ownerId: 'process-a' });
    const recovering = first.log.recover({ policy: 'undo' });
    await flush();
    // The first undo hangs for three leases; the heartbeat renews the rest of the batch.
    for (let step = 0; step < 9; step += 1) {
      first.clock.advance(Math.floor(leaseMs / 3));
      await flush();
    }
    const second = createTestLog({ store, actions: [slow.action], leaseMs, ownerId: 'process-b' });
    second.clock.set(first.clock.now());
    expect((await second.log.recover({ policy: 'undo' })).records).toEqual([]);
    slow.release();
    const { records } = await recovering;
    expect(records.map((record) => record.outcome)).toEqual(['undone', 'undone', 'undone']);
    // Each record undone exactly once, by the process that claimed it.
    expect([...slow.undone].sort()).toEqual(['a0', 'a1', 'a2']);
    // The heartbeat stops with the batch: nothing is left scheduled.
    expect(first.clock.pendingTimers()).toBe(0);
  });
});
