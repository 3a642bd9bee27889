import { throwIfAborted } from '@guardloop/core/internal';
import type { NewUndoLogRecord, UndoLogRecord, UndoLogStatus } from '../record/undo-log-record';
import type {
  ClaimExpiredOptions,
  InsertResult,
  UndoLogStore,
  UndoLogStoreCallOptions,
  UndoLogUpdate,
} from './undo-log-store';
import {
  parseUndoLogStoreArguments,
  storablePatchFields,
  type UndoLogStoreMethod,
} from './undo-log-store-arguments';

/**
 * An `UndoLogStore` in process memory, for tests and single-process tools. Records are
 * stored as JSON text so callers never share mutable objects with the store, and values
 * behave as in a database (`undefined` becomes `null`). Arguments are validated like every
 * store's (`parseUndoLogStoreArguments`), so it refuses what PostgreSQL could not keep. Every
 * method runs at once and to its end, so an `abortSignal` counts only when already aborted.
 */
export function createMemoryUndoLogStore(): UndoLogStore {
  const records = new Map<string, string>();
  const idsByKey = new Map<string, string>();
  // What a claim filters on, per status, so that recovery reads only the records it takes
  // (never parses and sorts the whole log).
  const byStatus = new Map<UndoLogStatus, StatusIndex>();
  let sequence = 0;

  const read = (id: string | undefined): UndoLogRecord | undefined => {
    const text = id === undefined ? undefined : records.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as UndoLogRecord);
  };
  /** Stores `record` and returns its JSON text. */
  const write = (record: UndoLogRecord, previous?: UndoLogStatus): string => {
    const text = toJson(record);
    records.set(record.id, text);
    if (previous !== undefined && previous !== record.status)
      byStatus.get(previous)?.entries.delete(record.id);
    const index = byStatus.get(record.status) ?? newStatusIndex();
    byStatus.set(record.status, index);
    // Insertion order is sequence order until a record re-enters a status (failed -> pending).
    if (!index.entries.has(record.id) && record.sequence < index.lastSequence)
      index.ordered = false;
    index.lastSequence = Math.max(index.lastSequence, record.sequence);
    index.entries.set(record.id, {
      sequence: record.sequence,
      leaseExpiresAt: record.leaseExpiresAt,
    });
    return text;
  };
  const copy = (text: string) => JSON.parse(text) as UndoLogRecord;
  /** The stored text of the updated record, or undefined when `expect` does not match. */
  const applyUpdate = (id: string, { expect, set }: UndoLogUpdate) => {
    const record = read(id);
    if (!record || !matches(record, expect)) return undefined;
    // Like a SQL SET list: fields given as undefined are left alone; only patchable fields.
    const changes = storablePatchFields
      .filter((field) => Object.hasOwn(set, field) && set[field] !== undefined)
      .map((field) => [field, set[field]]);
    return write({ ...record, ...Object.fromEntries(changes) }, record.status);
  };
  // Validates, then honours an abort that came before the call: nothing has been touched yet.
  const start = (method: UndoLogStoreMethod, args: readonly unknown[]) => {
    parseUndoLogStoreArguments(method, args);
    throwIfAborted((args.at(-1) as UndoLogStoreCallOptions | undefined)?.abortSignal);
  };
  const matches = (record: UndoLogRecord, expect: UndoLogUpdate['expect']) =>
    expect.statuses.includes(record.status) &&
    (expect.leaseOwner === undefined || expect.leaseOwner === record.leaseOwner);

  return {
    async insert(
      record: NewUndoLogRecord,
      options?: UndoLogStoreCallOptions,
    ): Promise<InsertResult> {
      start('insert', [record, options]);
      const existing = read(idsByKey.get(record.idempotencyKey));
      if (existing) return { inserted: false, record: existing };
      if (records.has(record.id)) throw new Error(`Duplicate undo-log record id '${record.id}'.`);
      idsByKey.set(record.idempotencyKey, record.id);
      return { inserted: true, record: copy(write({ ...record, sequence: ++sequence })) };
    },
    async get(id, options) {
      start('get', [id, options]);
      return read(id);
    },
    async getByIdempotencyKey(idempotencyKey, options) {
      start('getByIdempotencyKey', [idempotencyKey, options]);
      return read(idsByKey.get(idempotencyKey));
    },
    async update(id, update, options) {
      start('update', [id, update, options]);
      const text = applyUpdate(id, update);
      return text === undefined ? undefined : copy(text);
    },
    async updateMany(updates, options) {
      start('updateMany', [updates, options]);
      return updates.map(({ id, expect, set }) => applyUpdate(id, { expect, set }) !== undefined);
    },
    async listByTrace(traceId, options) {
      start('listByTrace', [traceId, options]);
      return all().filter((record) => record.traceId === traceId);
    },
    async claimExpired(claim: ClaimExpiredOptions, options?: UndoLogStoreCallOptions) {
      start('claimExpired', [claim, options]);
      // Oldest first: the first `limit` claimable of each status, merged.
      const claimable: [string, ClaimKey][] = [];
      for (const status of new Set(claim.statuses)) {
        const index = byStatus.get(status);
        if (!index) continue;
        if (!index.ordered) sortIndex(index);
        let taken = 0;
        for (const entry of index.entries) {
          const { leaseExpiresAt } = entry[1];
          if (leaseExpiresAt !== null && leaseExpiresAt > claim.now) continue;
          claimable.push(entry);
          if (++taken === claim.limit) break;
        }
      }
      claimable.sort((a, b) => a[1].sequence - b[1].sequence);
      return claimable.slice(0, claim.limit).map(([id]) => {
        const record = read(id) as UndoLogRecord;
        const claimed = {
          ...record,
          leaseOwner: claim.owner,
          leaseExpiresAt: claim.leaseExpiresAt,
          updatedAt: claim.now,
        };
        // `record` is a fresh parse and the claim adds only primitives: no copy needed.
        write(claimed, record.status);
        return claimed;
      });
    },
  };

  function all(): UndoLogRecord[] {
    return [...records.values()]
      .map((text) => JSON.parse(text) as UndoLogRecord)
      .sort((a, b) => a.sequence - b.sequence);
  }
}

interface ClaimKey {
  sequence: number;
  leaseExpiresAt: number | null;
}

/** The records in one status, in ascending sequence while `ordered`. */
interface StatusIndex {
  entries: Map<string, ClaimKey>;
  ordered: boolean;
  lastSequence: number;
}

const newStatusIndex = (): StatusIndex => ({ entries: new Map(), ordered: true, lastSequence: 0 });

function sortIndex(index: StatusIndex): void {
  index.entries = new Map([...index.entries].sort((a, b) => a[1].sequence - b[1].sequence));
  index.ordered = true;
}

/** JSON text where absent JSON values become `null`, as a nullable database column would. */
function toJson(record: UndoLogRecord): string {
  return JSON.stringify({
    ...record,
    input: record.input ?? null,
    snapshot: record.snapshot ?? null,
    result: record.result ?? null,
  });
}
