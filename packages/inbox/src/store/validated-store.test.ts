import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { MalformedItemError } from '../errors/malformed-item-error';
import { createTestInbox, refundEscalation, reviewers } from '../test/test-inbox';
import type { InboxStore } from './inbox-store';
import { createMemoryInboxStore } from './memory-inbox-store';

// A store whose reads come back damaged, as a row edited by hand or a buggy adapter would.
function damaged(
  store: InboxStore,
  damage: (item: Record<string, unknown>) => unknown,
): InboxStore {
  const hurt = <T>(item: T) =>
    item === undefined ? item : (damage({ ...(item as Record<string, unknown>) }) as T);
  return {
    ...store,
    get: async (id) => hurt(await store.get(id)),
    getByTrace: async (traceId) => hurt(await store.getByTrace(traceId)),
    list: async (query) => (await store.list(query)).map(hurt),
  };
}

describe('items read from the store are validated', () => {
  it.each<[string, (item: Record<string, unknown>) => unknown]>([
    ['without an action', ({ action: _, ...rest }) => rest],
    ['with an unknown status', (item) => ({ ...item, status: 'archived' })],
    ['with a history that is not a list', (item) => ({ ...item, history: 'lost' })],
    ['that is not an object', () => 'garbage'],
  ])('reports an item %s as malformed_item, never a TypeError', async (_, damage) => {
    const store = createMemoryInboxStore();
    const healthy = createTestInbox(store).inbox;
    const item = await healthy.escalate(refundEscalation());
    const { inbox, runs } = createTestInbox(damaged(store, damage));
    const malformed = (error: unknown) =>
      MalformedItemError.isInstance(error) && GuardloopError.hasCode(error, 'malformed_item');
    await expect(inbox.get(item.id)).rejects.toSatisfy(malformed);
    await expect(inbox.approve(item.id, { reviewer: reviewers.tier1 })).rejects.toSatisfy(
      malformed,
    );
    await expect(inbox.list()).rejects.toSatisfy(malformed);
    await expect(inbox.escalate(refundEscalation({ traceId: item.traceId }))).rejects.toSatisfy(
      malformed,
    );
    expect(runs).toEqual([]);
  });
});
