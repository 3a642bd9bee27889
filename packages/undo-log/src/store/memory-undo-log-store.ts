import type { NewUndoLogRecord, UndoLogRecord } from '../record/undo-log-record';
import type {
  ClaimExpiredOptions,
  InsertResult,
  UndoLogStore,
  UndoLogUpdate,
} from './undo-log-store';
import { parseUndoLogStoreArguments, storablePatchFields } from './undo-log-store-arguments';

/**
 * An `UndoLogStore` in process memory, for tests and single-process tools. Records are
 * stored as JSON text so callers never share mutable objects with the store, and values
 * behave as in a database (`undefined` becomes `null`). Arguments are validated like every
 * store's (`parseUndoLogStoreArguments`), so it refuses what PostgreSQL could not keep.
 */
export function createMemoryUndoLogStore(): UndoLogStore {
  const records = new Map<string, string>();
  const idsByKey = new Map<string, string>();
  let sequence = 0;

  const read = (id: string | undefined): UndoLogRecord | undefined => {
    const text = id === undefined ? undefined : records.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as UndoLogRecord);
  };
  const write = (record: UndoLogRecord): UndoLogRecord => {
    const text = toJson(record);
    records.set(record.id, text);
    return JSON.parse(text) as UndoLogRecord;
  };
  const matches = (record: UndoLogRecord, expect: UndoLogUpdate['expect']) =>
    expect.statuses.includes(record.status) &&
    (expect.leaseOwner === undefined || expect.leaseOwner === record.leaseOwner);

  return {
    async insert(record: NewUndoLogRecord): Promise<InsertResult> {
      parseUndoLogStoreArguments('insert', [record]);
      const existing = read(idsByKey.get(record.idempotencyKey));
      if (existing) return { inserted: false, record: existing };
      if (records.has(record.id)) throw new Error(`Duplicate undo-log record id '${record.id}'.`);
      idsByKey.set(record.idempotencyKey, record.id);
      return { inserted: true, record: write({ ...record, sequence: ++sequence }) };
    },
    async get(id) {
      parseUndoLogStoreArguments('get', [id]);
      return read(id);
    },
    async getByIdempotencyKey(idempotencyKey) {
      parseUndoLogStoreArguments('getByIdempotencyKey', [idempotencyKey]);
      return read(idsByKey.get(idempotencyKey));
    },
    async update(id, update) {
      parseUndoLogStoreArguments('update', [id, update]);
      const { expect, set } = update;
      const record = read(id);
      if (!record || !matches(record, expect)) return undefined;
      // Like a SQL SET list: fields given as undefined are left alone; only patchable fields.
      const changes = storablePatchFields
        .filter((field) => Object.hasOwn(set, field) && set[field] !== undefined)
        .map((field) => [field, set[field]]);
      return write({ ...record, ...Object.fromEntries(changes) });
    },
    async listByTrace(traceId) {
      parseUndoLogStoreArguments('listByTrace', [traceId]);
      return all().filter((record) => record.traceId === traceId);
    },
    async claimExpired(options: ClaimExpiredOptions) {
      parseUndoLogStoreArguments('claimExpired', [options]);
      const claimable = all().filter(
        (record) =>
          options.statuses.includes(record.status) &&
          (record.leaseExpiresAt === null || record.leaseExpiresAt <= options.now),
      );
      return claimable.slice(0, options.limit).map((record) =>
        write({
          ...record,
          leaseOwner: options.owner,
          leaseExpiresAt: options.leaseExpiresAt,
          updatedAt: options.now,
        }),
      );
    },
  };

  function all(): UndoLogRecord[] {
    return [...records.values()]
      .map((text) => JSON.parse(text) as UndoLogRecord)
      .sort((a, b) => a.sequence - b.sequence);
  }
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
