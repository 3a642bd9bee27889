import { describe, expect, it } from 'vitest';
import type { NewUndoLogRecord } from '../record/undo-log-record';
import type { UndoLogStoreContractOptions } from './contract-options';
import { newTestRecord } from './new-test-record';

const claim = {
  statuses: ['pending', 'undoing'] as const,
  owner: 'recoverer',
  leaseExpiresAt: 99_000,
  limit: 10,
};

/** `claimExpired`: the basis of crash recovery across processes. */
export function describeStoreClaims({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLogStore contract (${name}): recovery claims`, () => {
    it('claims only records in the given statuses whose lease expired, oldest first', async () => {
      const store = await createStore();
      const expired = newTestRecord({ leaseExpiresAt: 5_000 });
      const expiredUndoing = newTestRecord({ status: 'undoing', leaseExpiresAt: 4_000 });
      const noLease = newTestRecord({ leaseOwner: null, leaseExpiresAt: null });
      const live = newTestRecord({ leaseExpiresAt: 50_000 });
      const done = newTestRecord({ status: 'done', leaseOwner: null, leaseExpiresAt: null });
      for (const record of [expired, expiredUndoing, noLease, live, done])
        await store.insert(record);

      const claimed = await store.claimExpired({ ...claim, now: 5_000 });
      expect(claimed.map((record) => record.id)).toEqual([
        expired.id,
        expiredUndoing.id,
        noLease.id,
      ]);
      for (const record of claimed) {
        expect(record).toMatchObject({
          leaseOwner: 'recoverer',
          leaseExpiresAt: 99_000,
          updatedAt: 5_000,
        });
        expect(await store.get(record.id)).toEqual(record);
      }
    });

    it('does not hand out a record again while the new lease is valid', async () => {
      const store = await createStore();
      await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
      expect(await store.claimExpired({ ...claim, now: 10 })).toHaveLength(1);
      expect(await store.claimExpired({ ...claim, owner: 'other', now: 20 })).toHaveLength(0);
      expect(await store.claimExpired({ ...claim, owner: 'other', now: 99_000 })).toHaveLength(1);
    });

    it('respects the limit and the statuses', async () => {
      const store = await createStore();
      for (let index = 0; index < 3; index++)
        await store.insert(newTestRecord({ leaseExpiresAt: 1 }));
      await store.insert(newTestRecord({ status: 'undoing', leaseExpiresAt: 1 }));
      expect(await store.claimExpired({ ...claim, statuses: ['undoing'], now: 10 })).toHaveLength(
        1,
      );
      expect(await store.claimExpired({ ...claim, limit: 2, now: 10 })).toHaveLength(2);
      expect(await store.claimExpired({ ...claim, limit: 2, now: 10 })).toHaveLength(1);
    });

    it('claims oldest first also after records changed status and came back', async () => {
      const store = await createStore();
      const records = [1, 2, 3, 4].map(() => newTestRecord({ leaseExpiresAt: 1 }));
      for (const record of records) await store.insert(record);
      const [first, second] = records as [NewUndoLogRecord, NewUndoLogRecord];
      for (const record of [second, first]) {
        await store.update(record.id, {
          expect: { statuses: ['pending'] },
          set: { status: 'failed' },
        });
        await store.update(record.id, {
          expect: { statuses: ['failed'] },
          set: { status: 'pending' },
        });
      }
      await store.update(first.id, {
        expect: { statuses: ['pending'] },
        set: { status: 'undoing' },
      });
      const claimed = await store.claimExpired({ ...claim, now: 10, limit: 3 });
      expect(claimed.map((record) => record.id)).toEqual(records.slice(0, 3).map((r) => r.id));
      const rest = await store.claimExpired({ ...claim, now: 10 });
      expect(rest.map((record) => record.id)).toEqual([records[3]?.id]);
    });

    it('never gives one record to two concurrent claimers', async () => {
      const store = await createStore();
      const records = Array.from({ length: 12 }, () => newTestRecord({ leaseExpiresAt: 1 }));
      for (const record of records) await store.insert(record);
      const batches = await Promise.all(
        ['p1', 'p2', 'p3', 'p4'].map((owner) =>
          store.claimExpired({ ...claim, owner, limit: 5, now: 10 }),
        ),
      );
      const ids = batches.flat().map((record) => record.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(12);
    });
  });
}
