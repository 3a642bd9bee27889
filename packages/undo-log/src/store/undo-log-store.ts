import type {
  NewUndoLogRecord,
  UndoLogRecord,
  UndoLogRecordPatch,
  UndoLogStatus,
} from '../record/undo-log-record';

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
 * `runUndoLogStoreContract` from `@guardloop/undo-log/test` checks an implementation.
 */
export interface UndoLogStore {
  /** Inserts unless the idempotency key exists; assigns `sequence`. */
  insert(record: NewUndoLogRecord): Promise<InsertResult>;
  get(id: string): Promise<UndoLogRecord | undefined>;
  getByIdempotencyKey(idempotencyKey: string): Promise<UndoLogRecord | undefined>;
  /** Applies `set` when the record matches `expect`; returns the new record, else undefined. */
  update(id: string, update: UndoLogUpdate): Promise<UndoLogRecord | undefined>;
  /** The trace's records in ascending `sequence`. */
  listByTrace(traceId: string): Promise<UndoLogRecord[]>;
  /**
   * Takes the lease of up to `limit` records in `statuses` whose lease expired, oldest
   * first, and returns them with the new lease. Used by crash recovery.
   */
  claimExpired(options: ClaimExpiredOptions): Promise<UndoLogRecord[]>;
}
