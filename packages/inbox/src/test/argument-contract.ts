import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { InboxStore } from '../store/inbox-store';
import type { InboxStoreContractOptions } from './contract-options';
import { newTestItem } from './new-test-item';

const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
type Call = (store: InboxStore, id: string) => Promise<unknown>;

/** What no store could keep unchanged is refused, the same way, before anything is written. */
export function describeStoreArguments({ name, createStore }: InboxStoreContractOptions): void {
  describe(`InboxStore contract (${name}): malformed arguments`, () => {
    it.each<[string, Call]>([
      ['an id with NUL', (store) => store.get('a\u0000b')],
      ['an empty trace id', (store) => store.getByTrace('')],
      ['an item with a lone surrogate', (store) => store.insert(newTestItem({ queue: '\uD800' }))],
      ['an item with a fractional time', (store) => store.insert(newTestItem({ createdAt: 1.5 }))],
      ['an item with a bigint', (store) => store.insert(newTestItem({ evidence: 1n as never }))],
      [
        'an item with an unknown status',
        (store) => store.insert(newTestItem({ status: 'done' as never })),
      ],
      [
        'a patch of the history',
        (store, id) => store.update(id, { expectRevision: 0, set: { history: [] } as never }),
      ],
      [
        'a patch of the input',
        (store, id) => store.update(id, { expectRevision: 0, set: { action: {} } as never }),
      ],
      ['a negative revision', (store, id) => store.update(id, { expectRevision: -1, set: {} })],
      ['an empty append', (store, id) => store.append(id, [])],
      ['a malformed entry', (store, id) => store.append(id, [{ type: 'hello', at: 1 } as never])],
      ['a zero limit', (store) => store.list({ limit: 0 })],
      ['an unknown filter', (store) => store.list({ limit: 1, owner: 'x' } as never)],
      [
        'an abortSignal that is not one',
        (store, id) => store.get(id, { abortSignal: 'stop' as never }),
      ],
    ])('refuses %s with invalid_input', async (_, call) => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      await expect(call(store, item.id)).rejects.toSatisfy(invalid);
      expect(await store.get(item.id)).toMatchObject({ revision: 0, history: item.history });
    });

    it('rejects every method with the abort reason once aborted, writing nothing', async () => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      const reason = new Error('caller gave up');
      const options = { abortSignal: AbortSignal.abort(reason) };
      const entry = { type: 'commented' as const, at: 5 };
      const event = { itemId: item.id, deadline: 'decide' as const, kind: 'breached' as const };
      const calls: Promise<unknown>[] = [
        store.insert(newTestItem(), options),
        store.get(item.id, options),
        store.getByTrace(item.traceId, options),
        store.update(item.id, { expectRevision: 0, set: { queue: 'x' } }, options),
        store.append(item.id, [entry], options),
        store.list({ limit: 1 }, options),
      ];
      if (store.claimSlaEvent)
        calls.push(store.claimSlaEvent({ ...event, claimant: 'm', now: 1, leaseMs: 9 }, options));
      if (store.completeSlaEvent)
        calls.push(store.completeSlaEvent({ ...event, claimant: 'm', now: 1 }, options));
      for (const settled of await Promise.allSettled(calls))
        expect(settled).toEqual({ status: 'rejected', reason });
      expect(await store.get(item.id)).toMatchObject({ revision: 0, history: item.history });
      expect(await store.list({ limit: 10 })).toHaveLength(1);
      expect(await store.claimSlaEvent?.({ ...event, claimant: 'm', now: 1, leaseMs: 9 })).toEqual(
        store.claimSlaEvent ? { claimed: true, attempt: 1 } : undefined,
      );
    });
  });
}
