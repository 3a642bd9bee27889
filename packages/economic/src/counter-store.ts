/** Options accepted by every `CounterStore` method. */
export interface CounterStoreCallOptions {
  /**
   * Rejects the call with `abortSignal.reason` when aborted before it completes. For the writes
   * (`increment`, `incrementIfWithin`) that rejection guarantees nothing was written, and none
   * will be: an abort that comes once the write is on its way is too late, and the call then
   * resolves with what it did. Callers can thus always tell whether an amount was applied.
   */
  abortSignal?: AbortSignal;
}

/** Options of the writes (`increment`, `incrementIfWithin`). */
export interface CounterWriteOptions extends CounterStoreCallOptions {
  /**
   * How long after its start the bucket is still read, in ms (a positive safe integer): from
   * `bucketStart + retainMs` on, `pruneExpired` drops it. The writer knows which windows read
   * the key (a 1-minute rate limit never reads a 6-second bucket again after a minute), so the
   * retention travels with the write and every pruner, in any process, applies it. When writes to
   * one bucket give different retentions the longest wins; a write without one leaves the
   * bucket's as it is, and a bucket never given one is only dropped by `prune`.
   */
  retainMs?: number;
}

/** One time bucket of a counter: the sum of every amount added with that `bucketStart`. */
export interface CounterBucket {
  bucketStart: number;
  value: number;
}

/** The window and ceiling checked by `incrementIfWithin`. */
export interface CounterWindowLimit {
  /** Inclusive start of the window (epoch ms). */
  from: number;
  /** Exclusive end of the window (epoch ms). */
  to: number;
  /** Highest sum the window may reach once the amount is added. */
  limit: number;
}

export interface ConditionalIncrementResult {
  /**
   * False when adding the amount would have pushed the window above its limit, or the window or
   * the bucket beyond `maxCounterAmount`; nothing was written.
   */
  applied: boolean;
  /** Sum of the window `[from, to)` after the call. */
  total: number;
}

/**
 * Time-bucketed counters: callers add amounts to `(key, bucketStart)` and read sums over
 * ranges of buckets. Memory grows with the number of buckets, never with the number of events,
 * and `prune` drops old buckets. Implementations must make `increment` and `incrementIfWithin`
 * atomic, including across processes when the storage is shared (rate limits and budgets rely
 * on it). Every method validates its arguments with `parseCounterStoreArguments` (from
 * `@guardloop/economic/internal`) and rejects
 * malformed ones with `InvalidInputError` (code `invalid_input`): keys are non-empty,
 * well-formed UTF-16 strings without NUL of at most `maxCounterKeyBytes` UTF-8 bytes, times are
 * safe integers (epoch ms), amounts are at most `maxCounterAmount` in magnitude, limits are
 * finite numbers, `from <= to`, and a `retainMs` is a positive safe integer.
 * `runCounterStoreContract` from `@guardloop/economic/test` checks an implementation.
 */
export interface CounterStore {
  /**
   * Adds `amount` to the bucket atomically and resolves with the bucket's new value. Rejects with
   * `InvalidInputError` (`counterOverflowError`), writing nothing, when the bucket would go beyond
   * `maxCounterAmount` in magnitude: past it doubles round and part of the amount would be lost.
   */
  increment(
    key: string,
    bucketStart: number,
    amount: number,
    options?: CounterWriteOptions,
  ): Promise<number>;
  /** Sum of the buckets with `from <= bucketStart < to`; 0 when there are none. */
  sum(key: string, from: number, to: number, options?: CounterStoreCallOptions): Promise<number>;
  /** Buckets with `from <= bucketStart < to`, ascending by `bucketStart`. */
  buckets(
    key: string,
    from: number,
    to: number,
    options?: CounterStoreCallOptions,
  ): Promise<CounterBucket[]>;
  /**
   * Atomically adds `amount` to the bucket only when `sum(key, from, to) + amount <= limit`.
   * The check and the write happen as one step, so concurrent callers never overshoot the limit.
   */
  incrementIfWithin(
    key: string,
    bucketStart: number,
    amount: number,
    window: CounterWindowLimit,
    options?: CounterWriteOptions,
  ): Promise<ConditionalIncrementResult>;
  /** Drops every bucket (of every key) with `bucketStart < before`; resolves with how many were dropped. */
  prune(before: number, options?: CounterStoreCallOptions): Promise<number>;
  /**
   * Drops every bucket whose retention has run out at `now` (written with `retainMs`, and
   * `bucketStart + retainMs <= now`); resolves with how many were dropped. Idempotent, so several
   * processes may prune one shared store at the same time.
   */
  pruneExpired(now: number, options?: CounterStoreCallOptions): Promise<number>;
}
