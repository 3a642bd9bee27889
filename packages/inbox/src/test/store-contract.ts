import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../item/inbox-item';
import type { InboxStoreContractOptions } from './contract-options';
import { newTestItem } from './new-test-item';

const reviewer = { id: 'lea', type: 'human' as const, roles: ['tier-1'] };

/** Insert, read, compare-and-set, history and listing. */
export function describeStoreBasics({ name, createStore }: InboxStoreContractOptions): void {
  describe(`InboxStore contract (${name}): items`, () => {
    it('inserts, assigns increasing sequences and reads items back unchanged', async () => {
      const store = await createStore();
      const first = newTestItem({ signal: { deep: { list: [1, 'two', null] } } });
      const second = newTestItem({ decideBy: 9_000, acknowledgeBy: 5_000 });
      const a = await store.insert(first);
      const b = await store.insert(second);
      expect(a.inserted && b.inserted).toBe(true);
      expect(b.item.sequence).toBeGreaterThan(a.item.sequence);
      expect(await store.get(first.id)).toEqual({ ...first, sequence: a.item.sequence });
      expect(await store.getByTrace(second.traceId)).toEqual(b.item);
      expect(await store.get('missing')).toBeUndefined();
      expect(await store.getByTrace('missing')).toBeUndefined();
    });

    it('keeps one item per trace, also under concurrent inserts', async () => {
      const store = await createStore();
      const original = newTestItem();
      await store.insert(original);
      const again = await store.insert(newTestItem({ traceId: original.traceId }));
      expect(again).toMatchObject({ inserted: false, item: { id: original.id } });
      const traceId = newTestItem().traceId;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.insert(newTestItem({ traceId }))),
      );
      expect(results.filter((result) => result.inserted)).toHaveLength(1);
      expect(new Set(results.map((result) => result.item.id)).size).toBe(1);
    });

    it('updates as a compare-and-set on the revision, appending history', async () => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      const claimed = await store.update(item.id, {
        expectRevision: 0,
        set: { assignee: 'lea', leaseExpiresAt: 61_000, acknowledgedAt: 1_000, updatedAt: 1_000 },
        append: [{ type: 'claimed', at: 1_000, actor: reviewer }],
      });
      expect(claimed).toMatchObject({ revision: 1, assignee: 'lea', leaseExpiresAt: 61_000 });
      expect(claimed?.history.map((entry) => entry.type)).toEqual(['escalated', 'claimed']);
      expect(await store.get(item.id)).toEqual(claimed);
      expect(
        await store.update(item.id, { expectRevision: 0, set: { status: 'rejected' } }),
      ).toBeUndefined();
      expect(await store.update('missing', { expectRevision: 0, set: {} })).toBeUndefined();
      const decided = await store.update(item.id, {
        expectRevision: 1,
        set: {
          status: 'approved',
          decision: { kind: 'approve', reviewer, at: 2_000, input: { a: 1 }, inputHash: 'h' },
          result: { refundId: 'r-1' },
          error: null,
          assignee: null,
          leaseExpiresAt: null,
          decidedAt: 2_000,
          queue: 'billing-2',
        },
      });
      expect(decided).toMatchObject({
        revision: 2,
        status: 'approved',
        result: { refundId: 'r-1' },
        assignee: null,
        queue: 'billing-2',
        decision: { kind: 'approve', reviewer },
      });
    });

    it('lets exactly one of many concurrent compare-and-sets win', async () => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((assignee) =>
          store.update(item.id, { expectRevision: 0, set: { assignee } }),
        ),
      );
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      expect((await store.get(item.id))?.assignee).toBe(winners[0]?.assignee);
    });

    it('appends history without a revision, keeping concurrent appends and updates', async () => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      const at = 5;
      await Promise.all([
        ...Array.from({ length: 5 }, (_, index) =>
          store.append(item.id, [{ type: 'commented', at, actor: reviewer, note: `c${index}` }]),
        ),
        store.update(item.id, {
          expectRevision: 0,
          set: { status: 'rejected' },
          append: [{ type: 'rejected', at, actor: reviewer, note: 'no' }],
        }),
      ]);
      const read = (await store.get(item.id)) as InboxItem;
      expect(read.revision).toBe(1);
      expect(read.history).toHaveLength(7);
      expect(read.history.filter((entry) => entry.type === 'commented')).toHaveLength(5);
      expect(await store.append('missing', [{ type: 'commented', at }])).toBeUndefined();
    });

    it('lists by status, queue and assignee in keyset pages', async () => {
      const store = await createStore();
      const items = [
        newTestItem({ queue: 'q1' }),
        newTestItem({ queue: 'q2' }),
        newTestItem({ queue: 'q1', assignee: 'lea', leaseExpiresAt: 9 }),
        newTestItem({ queue: 'q1', status: 'rejected' }),
        newTestItem({ queue: 'q1' }),
      ];
      for (const item of items) await store.insert(item);
      const ids = (found: InboxItem[]) => found.map((item) => item.id);
      const pending = await store.list({ statuses: ['pending'], queue: 'q1', limit: 2 });
      expect(ids(pending)).toEqual([items[0]?.id, items[2]?.id]);
      const next = await store.list({
        statuses: ['pending'],
        queue: 'q1',
        afterSequence: pending[1]?.sequence as number,
        limit: 2,
      });
      expect(ids(next)).toEqual([items[4]?.id]);
      expect(ids(await store.list({ assignee: 'lea', limit: 10 }))).toEqual([items[2]?.id]);
      expect(ids(await store.list({ statuses: ['rejected', 'approved'], limit: 10 }))).toEqual([
        items[3]?.id,
      ]);
      expect(await store.list({ queue: 'none', limit: 10 })).toEqual([]);
    });

    it('lists pending items past a deadline', async () => {
      const store = await createStore();
      const lateAck = newTestItem({ acknowledgeBy: 100, decideBy: 1_000 });
      const acknowledged = newTestItem({ acknowledgeBy: 100, acknowledgedAt: 50, decideBy: 1_000 });
      const lateDecide = newTestItem({ acknowledgedAt: 50, decideBy: 200 });
      const decided = newTestItem({ status: 'approved', acknowledgeBy: 100, decideBy: 200 });
      const noSla = newTestItem();
      for (const item of [lateAck, acknowledged, lateDecide, decided, noSla])
        await store.insert(item);
      const at = async (time: number) =>
        (await store.list({ overdueAt: time, limit: 10 })).map((item) => item.id);
      expect(await at(99)).toEqual([]);
      expect(await at(100)).toEqual([lateAck.id]);
      expect(await at(200)).toEqual([lateAck.id, lateDecide.id]);
      expect(await at(1_000)).toEqual([lateAck.id, acknowledged.id, lateDecide.id]);
    });
  });
}
