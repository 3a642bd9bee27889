import type {
  HistoryEntry,
  InboxItem,
  InboxItemPatch,
  InboxStatus,
  NewInboxItem,
} from '../item/inbox-item';

/**
 * Options of every `InboxStore` method. An aborted signal rejects the call with
 * `abortSignal.reason` before it reaches the storage: nothing was written. Once a write has been
 * sent it completes, so a rejection with the abort reason always means "not applied".
 */
export interface InboxStoreCallOptions {
  abortSignal?: AbortSignal | undefined;
}

export type InboxInsertResult =
  | { inserted: true; item: InboxItem }
  /** The trace already has an item: `item` is the existing one, unchanged. */
  | { inserted: false; item: InboxItem };

/** A compare-and-set: applies while the item's revision is `expectRevision`, then bumps it. */
export interface InboxItemUpdate {
  expectRevision: number;
  set: InboxItemPatch;
  /** Appended to the history in the same write. */
  append?: readonly HistoryEntry[];
}

/** Which SLA event of an item: its deadline (`acknowledge` or `decide`) and kind. */
export interface SlaEventKey {
  itemId: string;
  deadline: 'acknowledge' | 'decide';
  kind: 'warning' | 'breached';
}

/** A monitor's claim to emit one SLA event. */
export interface SlaEventClaim extends SlaEventKey {
  /** The monitor claiming it. */
  claimant: string;
  now: number;
  /** Until `now + leaseMs` nobody else may claim the event; after that it is claimable again. */
  leaseMs: number;
}

export interface SlaEventClaimResult {
  claimed: boolean;
  /** How many claims the event has had, this one included (0 when not claimed). */
  attempt: number;
}

export interface InboxStoreQuery {
  statuses?: readonly InboxStatus[];
  queue?: string;
  assignee?: string;
  /**
   * Only `pending` items past a deadline at this time: not acknowledged by `acknowledgeBy`,
   * or not decided by `decideBy`.
   */
  overdueAt?: number;
  /** Keyset paging: items with a greater `sequence`. */
  afterSequence?: number;
  limit: number;
}

/**
 * Persistence of the inbox. Every method is atomic on its own: `insert` against the trace id
 * (one item per trace), `update` as a compare-and-set on `revision`, `append` without one.
 * Values are JSON: what a store returns equals what was written after a JSON round trip.
 * `runInboxStoreContract` from `@guardloop/inbox/test` checks an implementation.
 */
export interface InboxStore {
  /** Inserts unless the trace (or the id) has an item; assigns `sequence`. */
  insert(item: NewInboxItem, options?: InboxStoreCallOptions): Promise<InboxInsertResult>;
  get(id: string, options?: InboxStoreCallOptions): Promise<InboxItem | undefined>;
  getByTrace(traceId: string, options?: InboxStoreCallOptions): Promise<InboxItem | undefined>;
  /** Applies `set` and `append` when the revision matches; the new item, else undefined. */
  update(
    id: string,
    update: InboxItemUpdate,
    options?: InboxStoreCallOptions,
  ): Promise<InboxItem | undefined>;
  /**
   * Appends to the history whatever the revision (comments, refused attempts), keeping
   * entries a concurrent `update` appends. The new item, or undefined for an unknown id.
   */
  append(
    id: string,
    entries: readonly HistoryEntry[],
    options?: InboxStoreCallOptions,
  ): Promise<InboxItem | undefined>;
  /** Items matching every given filter in ascending `sequence`, at most `limit`. */
  list(query: InboxStoreQuery, options?: InboxStoreCallOptions): Promise<InboxItem[]>;
  /**
   * A compare-and-set on the event's marker: claims the event when it has never been claimed,
   * or when its last claim was not completed and its lease has expired (the monitor crashed).
   * Of concurrent claims (from several processes, too) at most one wins. Needed by
   * `startSlaMonitor` only; stores written before it may lack it.
   */
  claimSlaEvent?(
    claim: SlaEventClaim,
    options?: InboxStoreCallOptions,
  ): Promise<SlaEventClaimResult>;
  /**
   * Marks a claimed event emitted, so it is never claimed again. True when `claimant` held the
   * claim and it was not yet completed.
   */
  completeSlaEvent?(
    completion: SlaEventKey & { claimant: string; now: number },
    options?: InboxStoreCallOptions,
  ): Promise<boolean>;
}
