import type { InboxItem } from '../item/inbox-item';
import type { InboxStore, InboxStoreQuery, SlaEventKey } from './inbox-store';
import { parseInboxStoreArguments } from './inbox-store-arguments';

// A JSON round trip, like a database: callers never share objects with the store.
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function matches(item: InboxItem, query: InboxStoreQuery): boolean {
  if (query.statuses && !query.statuses.includes(item.status)) return false;
  if (query.queue !== undefined && item.queue !== query.queue) return false;
  if (query.assignee !== undefined && item.assignee !== query.assignee) return false;
  if (query.afterSequence !== undefined && item.sequence <= query.afterSequence) return false;
  if (query.overdueAt !== undefined) {
    if (item.status !== 'pending') return false;
    const unacknowledged =
      item.acknowledgedAt === null &&
      item.acknowledgeBy !== null &&
      item.acknowledgeBy <= query.overdueAt;
    const undecided = item.decideBy !== null && item.decideBy <= query.overdueAt;
    if (!unacknowledged && !undecided) return false;
  }
  return true;
}

/** An in-process `InboxStore`, for tests and single-process hosts. */
export function createMemoryInboxStore(): InboxStore {
  const items = new Map<string, InboxItem>();
  const byTrace = new Map<string, string>();
  // SLA event markers by item, deadline and kind.
  const slaEvents = new Map<
    string,
    { claimant: string; leaseExpiresAt: number; emittedAt: number | null; attempts: number }
  >();
  const eventKey = (key: SlaEventKey) => JSON.stringify([key.itemId, key.deadline, key.kind]);
  let sequence = 0;
  const read = (id: string) => {
    const item = items.get(id);
    return item === undefined ? undefined : copy(item);
  };

  return {
    async insert(item, options) {
      parseInboxStoreArguments('insert', [item, options]);
      const existing = byTrace.get(item.traceId) ?? (items.has(item.id) ? item.id : undefined);
      if (existing !== undefined) return { inserted: false, item: read(existing) as InboxItem };
      const stored = { ...copy(item), sequence: ++sequence };
      items.set(item.id, stored);
      byTrace.set(item.traceId, item.id);
      return { inserted: true, item: copy(stored) };
    },
    async get(id, options) {
      parseInboxStoreArguments('get', [id, options]);
      return read(id);
    },
    async getByTrace(traceId, options) {
      parseInboxStoreArguments('getByTrace', [traceId, options]);
      const id = byTrace.get(traceId);
      return id === undefined ? undefined : read(id);
    },
    async update(id, update, options) {
      const [, { expectRevision, set, append = [] }] = parseInboxStoreArguments('update', [
        id,
        update,
        options,
      ]);
      const item = items.get(id);
      if (item === undefined || item.revision !== expectRevision) return undefined;
      const next = {
        ...item,
        ...copy(set),
        revision: item.revision + 1,
        history: [...item.history, ...copy(append)],
      } as InboxItem;
      items.set(id, next);
      return copy(next);
    },
    async append(id, entries, options) {
      parseInboxStoreArguments('append', [id, entries, options]);
      const item = items.get(id);
      if (item === undefined) return undefined;
      item.history = [...item.history, ...copy(entries)];
      return copy(item);
    },
    async list(query, options) {
      const [parsed] = parseInboxStoreArguments('list', [query, options]);
      const found: InboxItem[] = [];
      // Map order is insertion order, which is ascending sequence.
      for (const item of items.values()) {
        if (!matches(item, parsed)) continue;
        found.push(copy(item));
        if (found.length >= parsed.limit) break;
      }
      return found;
    },
    async claimSlaEvent(claim, options) {
      const [{ claimant, now, leaseMs }] = parseInboxStoreArguments('claimSlaEvent', [
        claim,
        options,
      ]);
      const key = eventKey(claim);
      const marker = slaEvents.get(key);
      if (marker && (marker.emittedAt !== null || marker.leaseExpiresAt > now))
        return { claimed: false, attempt: 0 };
      const attempts = (marker?.attempts ?? 0) + 1;
      slaEvents.set(key, { claimant, leaseExpiresAt: now + leaseMs, emittedAt: null, attempts });
      return { claimed: true, attempt: attempts };
    },
    async completeSlaEvent(completion, options) {
      const [{ claimant, now }] = parseInboxStoreArguments('completeSlaEvent', [
        completion,
        options,
      ]);
      const marker = slaEvents.get(eventKey(completion));
      if (!marker || marker.claimant !== claimant || marker.emittedAt !== null) return false;
      marker.emittedAt = now;
      return true;
    },
  };
}
