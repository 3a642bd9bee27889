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
    ])('refuses %s with invalid_input', async (_, call) => {
      const store = await createStore();
      const item = newTestItem();
      await store.insert(item);
      await expect(call(store, item.id)).rejects.toSatisfy(invalid);
      expect(await store.get(item.id)).toMatchObject({ revision: 0, history: item.history });
    });
  });
}
