import { describe, expect, it } from 'vitest';
import type { UndoLogRecord } from '../record/undo-log-record';
import type { UndoLogStoreContractOptions } from './contract-options';
import { newTestRecord } from './new-test-record';

/** Insert, read, compare-and-set and trace listing. */
export function describeStoreBasics({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLogStore contract (${name}): records`, () => {
    it('inserts a record, assigns increasing sequences and reads it back unchanged', async () => {
      const store = await createStore();
      const first = newTestRecord({
        approval: { approvedBy: 'h', approvedAt: 1, actionName: 'a', idempotencyKey: 'k' },
      });
      const second = newTestRecord({
        actor: { id: 'x', type: 'human', roles: [], tenant: 'acme' },
      });
      const a = await store.insert(first);
      const b = await store.insert(second);
      expect(a.inserted && b.inserted).toBe(true);
      expect(b.record.sequence).toBeGreaterThan(a.record.sequence);
      expect(await store.get(first.id)).toEqual({ ...first, sequence: a.record.sequence });
      expect(await store.getByIdempotencyKey(second.idempotencyKey)).toEqual(b.record);
    });

    it('returns undefined for unknown ids and keys', async () => {
      const store = await createStore();
      expect(await store.get('missing')).toBeUndefined();
      expect(await store.getByIdempotencyKey('missing')).toBeUndefined();
    });

    it('stores absent JSON values as null', async () => {
      const store = await createStore();
      const record = newTestRecord({ input: undefined, snapshot: undefined, result: undefined });
      await store.insert(record);
      const read = (await store.get(record.id)) as UndoLogRecord;
      expect([read.input, read.snapshot, read.result]).toEqual([null, null, null]);
    });

    it('keeps the existing record when the idempotency key is taken', async () => {
      const store = await createStore();
      const original = newTestRecord();
      await store.insert(original);
      const again = await store.insert(newTestRecord({ idempotencyKey: original.idempotencyKey }));
      expect(again.inserted).toBe(false);
      expect(again.record.id).toBe(original.id);
    });

    it('lets exactly one of many concurrent inserts with one key win', async () => {
      const store = await createStore();
      const key = newTestRecord().idempotencyKey;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.insert(newTestRecord({ idempotencyKey: key }))),
      );
      expect(results.filter((result) => result.inserted)).toHaveLength(1);
      const winner = results.find((result) => result.inserted)?.record.id;
      expect(new Set(results.map((result) => result.record.id))).toEqual(new Set([winner]));
    });

    it('updates only while the record matches the expected status and lease owner', async () => {
      const store = await createStore();
      const record = newTestRecord();
      await store.insert(record);
      const wrongStatus = await store.update(record.id, {
        expect: { statuses: ['done'] },
        set: { status: 'failed' },
      });
      const wrongOwner = await store.update(record.id, {
        expect: { statuses: ['pending'], leaseOwner: 'owner-b' },
        set: { status: 'failed' },
      });
      expect(wrongStatus).toBeUndefined();
      expect(wrongOwner).toBeUndefined();
      const undo = {
        by: { id: 'ops', type: 'human' as const, roles: [] },
        reason: 'wrong customer',
        at: 5,
      };
      const updated = await store.update(record.id, {
        expect: { statuses: ['pending', 'undoing'], leaseOwner: 'owner-a' },
        set: {
          status: 'done',
          result: { refunded: 12.5, ids: ['r1'] },
          undo,
          leaseOwner: null,
          leaseExpiresAt: null,
          attempts: 2,
          updatedAt: 9,
        },
      });
      expect(updated).toMatchObject({
        status: 'done',
        result: { refunded: 12.5, ids: ['r1'] },
        undo,
        leaseOwner: null,
        attempts: 2,
      });
      expect(await store.get(record.id)).toEqual(updated);
      const ownerless = await store.update(record.id, {
        expect: { statuses: ['done'], leaseOwner: null },
        set: { error: { code: 'c', message: 'm' } },
      });
      expect(ownerless?.error).toEqual({ code: 'c', message: 'm' });
      expect(
        await store.update('missing', { expect: { statuses: ['pending'] }, set: {} }),
      ).toBeUndefined();
    });

    it('lists the records of one trace in insertion order', async () => {
      const store = await createStore();
      const traceId = newTestRecord().traceId;
      const records = [newTestRecord({ traceId }), newTestRecord(), newTestRecord({ traceId })];
      for (const record of records) await store.insert(record);
      const listed = await store.listByTrace(traceId);
      expect(listed.map((record) => record.id)).toEqual([records[0]?.id, records[2]?.id]);
      expect(await store.listByTrace('no-such-trace')).toEqual([]);
    });
  });
}
