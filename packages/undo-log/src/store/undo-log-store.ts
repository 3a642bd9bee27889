import type {
  NewUndoLogRecord,
  UndoLogRecord,
  UndoLogRecordPatch,
  UndoLogStatus,
} from '../record/undo-log-record';

/** Options accepted by every `UndoLogStore` method. */
export interface UndoLogStoreCallOptions {
  /**
   * Rejects the call with `abortSignal.reason` when aborted before it reaches the storage. For
   * the writes (`insert`, `update`, `claimExpired`) that rejection guarantees nothing was written;
   * an abort that comes once the write is on its way is too late, and the call then resolves
   * with what it did, so a caller always knows whether its write applied.
   */
  abortSignal?: AbortSignal | undefined;
}

export type InsertResult =
  | { inserted: true; record: UndoLogRecord }
  /** The idempotency key was taken: `record` is the existing one, unchanged. */
  | { inserted: false; record: UndoLogRecord };

/** A compare-and-set: the patch applies only while the record still matches `expect`. */
export interface UndoLogUpdate {
  expect: {
    statuses: readonly UndoLogStatus[];
    /** When given, the record's lease owner must equal it (`null`: no owner). */
    leaseOwner?: string | null;
  };
  set: UndoLogRecordPatch;
}

/** One compare-and-set of `UndoLogStore.updateMany`. */
export interface UndoLogBatchUpdate extends UndoLogUpdate {
  id: string;
}

export interface ClaimExpiredOptions {
  statuses: readonly UndoLogStatus[];
  /** Records whose lease expired at or before `now` (or have none) are claimable. */
  now: number;
  owner: string;
  leaseExpiresAt: number;
  limit: number;
}

/**
 * Persistence of the undo log. Every method must be atomic on its own: `insert` against
 * the idempotency key, `update` as a compare-and-set, and `claimExpired` such that two
 * concurrent callers (processes) never receive the same record. Values in `input`,
 * `snapshot` and `result` are JSON; `undefined` is stored as `null`.
 * Every method first validates its arguments with `parseUndoLogStoreArguments` and takes
 * `{ abortSignal }` last (see `UndoLogStoreCallOptions`).
 * `runUndoLogStoreContract` from `@guardloop/undo-log/test` checks an implementation.
 */
export interface UndoLogStore {
  /** Inserts unless the idempotency key exists; assigns `sequence`. */
  insert(record: NewUndoLogRecord, options?: UndoLogStoreCallOptions): Promise<InsertResult>;
  get(id: string, options?: UndoLogStoreCallOptions): Promise<UndoLogRecord | undefined>;
  getByIdempotencyKey(
    idempotencyKey: string,
    options?: UndoLogStoreCallOptions,
  ): Promise<UndoLogRecord | undefined>;
  /** Applies `set` when the record matches `expect`; returns the new record, else undefined. */
  update(
    id: string,
    update: UndoLogUpdate,
    options?: UndoLogStoreCallOptions,
  ): Promise<UndoLogRecord | undefined>;
  /**
   * Optional: several compare-and-sets at once (distinct ids), each applied on its own terms
   * as `update` would; resolves with whether each applied, in order. Crash recovery settles
   * a claimed batch with it in one round trip; without it, it calls `update` per record.
   */
  updateMany?(
    updates: readonly UndoLogBatchUpdate[],
    options?: UndoLogStoreCallOptions,
  ): Promise<boolean[]>;
  /** The trace's records in ascending `sequence`. */
  listByTrace(traceId: string, options?: UndoLogStoreCallOptions): Promise<UndoLogRecord[]>;
  /**
   * Takes the lease of up to `limit` records in `statuses` whose lease expired, oldest
   * first, and returns them with the new lease. Used by crash recovery.
   */
  claimExpired(
    claim: ClaimExpiredOptions,
    options?: UndoLogStoreCallOptions,
  ): Promise<UndoLogRecord[]>;
}
