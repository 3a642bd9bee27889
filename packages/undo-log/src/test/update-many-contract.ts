import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { UndoLogStore } from '../store/undo-log-store';
import type { UndoLogStoreContractOptions } from './contract-options';
import { newTestRecord } from './new-test-record';

const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');

/** `updateMany`, for stores that have it: several compare-and-sets in one call. */
export function describeStoreBatchUpdates({
  name,
  createStore,
}: UndoLogStoreContractOptions): void {
  describe(`UndoLogStore contract (${name}): batched updates`, () => {
    const storeWithBatches = async () => {
      const store = await createStore();
      if (!store.updateMany) return undefined;
      return store as UndoLogStore & Required<Pick<UndoLogStore, 'updateMany'>>;
    };

    it('applies each update on its own terms and says which applied, in order', async () => {
      const store = await storeWithBatches();
      if (!store) return;
      const [a, b, c] = [newTestRecord(), newTestRecord(), newTestRecord({ status: 'undoing' })];
      for (const record of [a, b, c]) await store.insert(record);
      const undo = { by: { id: 'ops', type: 'human' as const, roles: [] }, reason: 'r', at: 5 };
      const applied = await store.updateMany([
        {
          id: a.id,
          expect: { statuses: ['pending'], leaseOwner: 'owner-a' },
          set: { status: 'done', result: { ok: 'yes' }, leaseOwner: null, leaseExpiresAt: null },
        },
        {
          id: b.id,
          expect: { statuses: ['pending'], leaseOwner: 'owner-b' },
          set: { status: 'failed' },
        },
        {
          id: c.id,
          expect: { statuses: ['undoing'] },
          set: { status: 'undone', undo, error: null, snapshot: 'kept as text', updatedAt: 7 },
        },
        { id: 'missing', expect: { statuses: ['pending'] }, set: { status: 'done' } },
      ]);
      expect(applied).toEqual([true, false, true, false]);
      expect(await store.get(a.id)).toEqual({
        ...a,
        sequence: expect.any(Number),
        status: 'done',
        result: { ok: 'yes' },
        leaseOwner: null,
        leaseExpiresAt: null,
      });
      expect(await store.get(b.id)).toMatchObject({ status: 'pending', leaseOwner: 'owner-a' });
      expect(await store.get(c.id)).toMatchObject({
        status: 'undone',
        undo,
        snapshot: 'kept as text',
        updatedAt: 7,
        leaseOwner: 'owner-a',
        attempts: 0,
      });
    });

    it('checks an expected null lease owner and leaves fields given as undefined alone', async () => {
      const store = await storeWithBatches();
      if (!store) return;
      const record = newTestRecord({ leaseOwner: null, leaseExpiresAt: null, result: { n: 1 } });
      await store.insert(record);
      const applied = await store.updateMany([
        {
          id: record.id,
          expect: { statuses: ['pending'], leaseOwner: null },
          set: { status: 'failed', result: undefined, error: { code: 'c', message: 'm' } },
        },
      ]);
      expect(applied).toEqual([true]);
      expect(await store.get(record.id)).toMatchObject({
        status: 'failed',
        result: { n: 1 },
        error: { code: 'c', message: 'm' },
      });
    });

    it('moves records out of recovery claims once settled', async () => {
      const store = await storeWithBatches();
      if (!store) return;
      const records = [newTestRecord({ leaseExpiresAt: 1 }), newTestRecord({ leaseExpiresAt: 1 })];
      for (const record of records) await store.insert(record);
      const claim = { statuses: ['pending'] as const, owner: 'r', leaseExpiresAt: 50, limit: 10 };
      const claimed = await store.claimExpired({ ...claim, now: 10 });
      expect(claimed).toHaveLength(2);
      const settled = await store.updateMany(
        claimed.map((record) => ({
          id: record.id,
          expect: { statuses: ['pending'], leaseOwner: 'r' },
          set: { status: 'undone', leaseOwner: null, leaseExpiresAt: null },
        })),
      );
      expect(settled).toEqual([true, true]);
      expect(await store.claimExpired({ ...claim, now: 100 })).toEqual([]);
      const again = await store.claimExpired({ ...claim, statuses: ['undone'], now: 100 });
      expect(again.map((record) => record.id)).toEqual(records.map((record) => record.id));
    });

    it('accepts an empty batch and refuses repeated ids and unknown fields as invalid_input', async () => {
      const store = await storeWithBatches();
      if (!store) return;
      const record = newTestRecord();
      await store.insert(record);
      expect(await store.updateMany([])).toEqual([]);
      const update = { id: record.id, expect: { statuses: ['pending' as const] }, set: {} };
      await expect(store.updateMany([update, update])).rejects.toSatisfy(invalid);
      await expect(store.updateMany([{ ...update, set: { input: 1 } as never }])).rejects.toSatisfy(
        invalid,
      );
      await expect(store.updateMany('nope' as never)).rejects.toSatisfy(invalid);
      expect(await store.get(record.id)).toMatchObject({ status: 'pending' });
    });
  });
}
