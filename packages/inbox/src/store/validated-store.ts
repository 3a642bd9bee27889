import { toInputIssues } from '@guardloop/core';
import { MalformedItemError } from '../errors/malformed-item-error';
import { type InboxItem, inboxItemSchema } from '../item/inbox-item';
import type { InboxStore } from './inbox-store';

function checked(item: InboxItem): InboxItem {
  const result = inboxItemSchema.safeParse(item);
  if (result.success) return result.data;
  const id = (item as { id?: unknown } | null)?.id;
  throw new MalformedItemError({
    escalationId: typeof id === 'string' ? id : undefined,
    issues: toInputIssues(result.error.issues),
    cause: result.error,
  });
}

const maybe = (item: InboxItem | undefined) => (item === undefined ? undefined : checked(item));

/**
 * `store` with every item it returns validated: a damaged row becomes `malformed_item` rather
 * than a TypeError deep inside a decision.
 */
export function validatedStore(store: InboxStore): InboxStore {
  return {
    insert: async (item) => {
      const result = await store.insert(item);
      return { ...result, item: checked(result.item) };
    },
    get: async (id) => maybe(await store.get(id)),
    getByTrace: async (traceId) => maybe(await store.getByTrace(traceId)),
    update: async (id, update) => maybe(await store.update(id, update)),
    append: async (id, entries) => maybe(await store.append(id, entries)),
    list: async (query) => {
      const items = await store.list(query);
      if (!Array.isArray(items))
        throw new MalformedItemError({
          escalationId: undefined,
          issues: [{ path: '', message: 'list did not return an array' }],
        });
      return items.map(checked);
    },
    // Passed through unbound-safe: absent on stores that predate SLA monitors.
    ...(store.claimSlaEvent && {
      claimSlaEvent: (claim) => store.claimSlaEvent?.(claim) as never,
    }),
    ...(store.completeSlaEvent && {
      completeSlaEvent: (completion) => store.completeSlaEvent?.(completion) as never,
    }),
  };
}
