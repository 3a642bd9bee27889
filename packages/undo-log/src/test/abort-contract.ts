import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { UndoLogStoreContractOptions } from './contract-options';
import { newTestRecord } from './new-test-record';

const claim = { statuses: ['pending'] as const, now: 5_000, owner: 'o', leaseExpiresAt: 9_000 };

function aborted() {
  const controller = new AbortController();
  const reason = new Error('caller gave up');
  controller.abort(reason);
  return { abortSignal: controller.signal, reason };
}

/** `{ abortSignal }` on every method: an aborted call rejects with the reason and writes nothing. */
export function describeStoreAborts({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLogStore contract (${name}): abortSignal`, () => {
    it('rejects every method with the abort reason of an aborted signal', async () => {
      const store = await createStore();
      const record = newTestRecord();
      const { abortSignal, reason } = aborted();
      const options = { abortSignal };
      await expect(store.insert(record, options)).rejects.toBe(reason);
      expect(await store.get(record.id)).toBeUndefined();
      await store.insert(record);
      await expect(store.get(record.id, options)).rejects.toBe(reason);
      await expect(store.getByIdempotencyKey(record.idempotencyKey, options)).rejects.toBe(reason);
      await expect(store.listByTrace(record.traceId, options)).rejects.toBe(reason);
      const done = { expect: { statuses: ['pending'] as const }, set: { status: 'done' as const } };
      await expect(store.update(record.id, done, options)).rejects.toBe(reason);
      await expect(store.claimExpired({ ...claim, limit: 10 }, options)).rejects.toBe(reason);
      if (store.updateMany)
        await expect(store.updateMany([{ id: record.id, ...done }], options)).rejects.toBe(reason);
      // Nothing was written: the record is still pending and owned as inserted.
      expect(await store.get(record.id)).toMatchObject({
        status: 'pending',
        leaseOwner: 'owner-a',
      });
    });

    it('works as usual with a signal that is not aborted', async () => {
      const store = await createStore();
      const record = newTestRecord();
      const options = { abortSignal: new AbortController().signal };
      expect((await store.insert(record, options)).inserted).toBe(true);
      expect(await store.get(record.id, options)).toMatchObject({ id: record.id });
      expect(await store.getByIdempotencyKey(record.idempotencyKey, options)).toMatchObject({
        id: record.id,
      });
      expect(await store.listByTrace(record.traceId, options)).toHaveLength(1);
      const done = { expect: { statuses: ['pending'] as const }, set: { status: 'done' as const } };
      expect(await store.update(record.id, done, options)).toMatchObject({ status: 'done' });
      expect(await store.claimExpired({ ...claim, limit: 10 }, options)).toEqual([]);
    });

    it('refuses an abortSignal that is not an AbortSignal as invalid_input', async () => {
      const store = await createStore();
      const record = newTestRecord();
      const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
      const options = { abortSignal: { aborted: false } } as never;
      await expect(store.insert(record, options)).rejects.toSatisfy(invalid);
      await expect(store.get(record.id, options)).rejects.toSatisfy(invalid);
      await expect(store.listByTrace(record.traceId, 'fast' as never)).rejects.toSatisfy(invalid);
      expect(await store.get(record.id)).toBeUndefined();
    });
  });
}
