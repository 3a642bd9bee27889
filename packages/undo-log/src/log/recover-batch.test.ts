import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '../action/define-action';
import { LeaseLostError } from '../errors/lease-lost-error';
import { createMemoryUndoLogStore } from '../store/memory-undo-log-store';
import type { UndoLogStore } from '../store/undo-log-store';
import { newTestRecord } from '../test/new-test-record';
import { createTestLog, testNow } from '../test-support/test-log';

const lease = { leaseOwner: 'crashed-process', leaseExpiresAt: testNow - 1 };
const creditRecord = (account: string) =>
  newTestRecord({
    actionName: 'credit',
    input: { account, amount: 5 },
    snapshot: { before: 0 },
    ...lease,
  });

/** A memory store that counts its calls and lets a test change what `updateMany` does. */
function countingStore(inner: UndoLogStore = createMemoryUndoLogStore()) {
  const calls: string[] = [];
  const batches: number[] = [];
  /** Lease renewals of a claimed batch (only `leaseExpiresAt` set), apart from settlements. */
  const renewals: number[] = [];
  let refuse = new Set<string>();
  let fail: Error | undefined;
  const store: UndoLogStore = {
    ...inner,
    update: (...args) => {
      calls.push('update');
      return inner.update(...args);
    },
    claimExpired: (...args) => {
      calls.push('claimExpired');
      return inner.claimExpired(...args);
    },
    updateMany: async (updates, options) => {
      const renewal = updates.every(
        (update) => Object.keys(update.set).join() === 'leaseExpiresAt',
      );
      if (renewal) renewals.push(updates.length);
      else {
        calls.push('updateMany');
        batches.push(updates.length);
      }
      if (fail) throw fail;
      const kept = updates.filter((update) => !refuse.has(update.id));
      const applied = await inner.updateMany?.(kept, options);
      return updates.map((update) =>
        refuse.has(update.id) ? false : (applied?.[kept.indexOf(update)] ?? false),
      );
    },
  };
  return {
    store,
    calls,
    batches,
    renewals,
    refuse: (ids: string[]) => {
      refuse = new Set(ids);
    },
    failWith: (error: Error) => {
      fail = error;
    },
  };
}

describe('UndoLog.recover in batches', () => {
  it('settles a claimed batch with one updateMany instead of one update per record', async () => {
    const counting = countingStore();
    const { log, store, balances } = createTestLog({ store: counting.store });
    const records = Array.from({ length: 25 }, (_, index) => creditRecord(`a${index}`));
    for (const record of records) await store.insert(record);
    for (let index = 0; index < 10; index += 1) balances.set(`a${index}`, 5);

    const { records: outcomes } = await log.recover({ limit: 20 });
    expect(outcomes).toHaveLength(20);
    expect(counting.calls).toEqual(['claimExpired', 'updateMany']);
    expect(counting.batches).toEqual([20]);
    const second = await log.recover({ limit: 20 });
    expect(second.records).toHaveLength(5);
    for (const record of records)
      expect((await log.getRecord(record.id)).status).toMatch(/^(done|undone)$/);
    expect(await log.recover()).toEqual({ records: [] });
  });

  it('reports a record whose batched write did not apply as an error (lease lost)', async () => {
    const counting = countingStore();
    const { log, store } = createTestLog({ store: counting.store });
    const [kept, lost] = [creditRecord('a'), creditRecord('b')];
    await store.insert(kept);
    await store.insert(lost);
    counting.refuse([lost.id]);
    const { records } = await log.recover();
    expect(records.find((record) => record.actionId === kept.id)?.outcome).toBe('undone');
    const failed = records.find((record) => record.actionId === lost.id);
    expect(failed?.outcome).toBe('error');
    expect(LeaseLostError.isInstance(failed?.error)).toBe(true);
  });

  it('reports every record of a batch whose write failed, and retries them after the lease', async () => {
    const counting = countingStore();
    const { log, store, clock } = createTestLog({ store: counting.store });
    const records = [creditRecord('a'), creditRecord('b')];
    for (const record of records) await store.insert(record);
    const outage = new Error('connection reset');
    counting.failWith(outage);
    const first = await log.recover();
    expect(first.records.map((record) => [record.outcome, record.error])).toEqual([
      ['error', outage],
      ['error', outage],
    ]);
    for (const record of records) expect((await log.getRecord(record.id)).status).toBe('pending');
    counting.failWith(undefined as never);
    clock.advance(10_001);
    const second = await log.recover();
    expect(second.records.map((record) => record.outcome)).toEqual(['undone', 'undone']);
  });

  it('sends queued writes once the oldest waited a third of the lease', async () => {
    const counting = countingStore();
    let advance = (_ms: number) => {};
    const slowUndo = defineAction({
      name: 'credit',
      input: z.object({ account: z.string(), amount: z.number() }),
      reversible: true,
      do: () => {},
      undo: () => advance(2_000),
    });
    const { log, store, clock } = createTestLog({ store: counting.store, actions: [slowUndo] });
    advance = (ms) => clock.advance(ms);
    for (const account of ['a', 'b', 'c', 'd', 'e']) await store.insert(creditRecord(account));
    const { records } = await log.recover();
    expect(records.map((record) => record.outcome)).toEqual(records.map(() => 'undone'));
    // leaseMs 10,000: the batch goes out after the first record that ends once the oldest
    // queued write (queued at 2 s) waited 3,333 ms: at 6 s with three records, then the rest.
    expect(counting.batches).toEqual([3, 2]);
    // Meanwhile the records whose settlement was not yet written had their leases renewed
    // (every 3,333 ms): all five at 3.3 s (one settled but queued), the last two at 6.7 s.
    expect(counting.renewals).toEqual([5, 2]);
  });

  it('still writes what it queued when aborted mid-batch', async () => {
    const counting = countingStore();
    const controller = new AbortController();
    let undos = 0;
    const stopsTheProcess = defineAction({
      name: 'credit',
      input: z.object({ account: z.string(), amount: z.number() }),
      reversible: true,
      do: () => {},
      undo: () => {
        undos += 1;
        controller.abort(new Error('shutting down'));
      },
    });
    const { log, store } = createTestLog({ store: counting.store, actions: [stopsTheProcess] });
    const records = [creditRecord('a'), creditRecord('b'), creditRecord('c')];
    for (const record of records) await store.insert(record);
    await expect(log.recover({ abortSignal: controller.signal })).rejects.toThrow('shutting down');
    expect(undos).toBe(1);
    expect(counting.calls).toEqual(['claimExpired', 'updateMany']);
    expect((await log.getRecord(records[2]?.id ?? '')).status).toBe('undone');
    expect((await log.getRecord(records[0]?.id ?? '')).status).toBe('pending');
  });
});
