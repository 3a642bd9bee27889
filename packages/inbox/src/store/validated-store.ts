import { toInputIssues } from '@guardloop/core/internal';
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
    insert: async (item, options) => {
      const result = await store.insert(item, options);
      return { ...result, item: checked(result.item) };
    },
    get: async (id, options) => maybe(await store.get(id, options)),
    getByTrace: async (traceId, options) => maybe(await store.getByTrace(traceId, options)),
    update: async (id, update, options) => maybe(await store.update(id, update, options)),
    append: async (id, entries, options) => maybe(await store.append(id, entries, options)),
    list: async (query, options) => {
      const items = await store.list(query, options);
      if (!Array.isArray(items))
        throw new MalformedItemError({
          escalationId: undefined,
          issues: [{ path: '', message: 'list did not return an array' }],
        });
      return items.map(checked);
    },
    // Passed through unbound-safe: absent on stores that predate SLA monitors.
    ...(store.claimSlaEvent && {
      claimSlaEvent: (claim, options) => store.claimSlaEvent?.(claim, options) as never,
    }),
    ...(store.completeSlaEvent && {
      completeSlaEvent: (completion, options) =>
        store.completeSlaEvent?.(completion, options) as never,
    }),
  };
}
