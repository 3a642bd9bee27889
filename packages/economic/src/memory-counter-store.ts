import { throwIfAborted } from '@guardloop/core/internal';
import type { CounterBucket, CounterStore } from './counter-store';
import {
  counterOverflowError,
  isWithinCounterRange,
  maxCounterAmount,
  parseCounterStoreArguments,
  parseRetainMs,
} from './counter-store-arguments';
import { lowerBound } from './lower-bound';
import { registerSynchronousCounters, type SynchronousCounters } from './synchronous-counters';

/** The in-memory store, with a way to observe that memory stays bounded. */
export interface MemoryCounterStore extends CounterStore {
  /** Number of buckets held, across every key. */
  bucketCount(): number;
}

/**
 * One key's buckets, sorted by start, as parallel arrays (cheap to scan and to append to).
 * `expires` holds each bucket's `bucketStart + retainMs`, Infinity when none was given.
 */
interface Series {
  starts: number[];
  values: number[];
  expires: number[];
  /**
   * Running totals: `running[i]` is the sum of `values[0..i]`, valid below `runningLength` (a
   * write at index i moves it back to i; most writes hit the last bucket). A window's sum is then
   * two reads, not a loop over its buckets (an SLO rail reads 30 days of hours on every decision).
   * Used only while every total is an integer within ±2^52, where the difference of two is
   * exactly the loop's sum; `inexact` (a fraction, a huge total) falls back to the loop.
   */
  running: number[];
  runningLength: number;
  inexact: boolean;
}

const maxExactRunning = 2 ** 52;

/**
 * A `CounterStore` for one process: tests, single-instance hosts, benchmarks. Each key keeps
 * its buckets sorted, so sums cost O(log n + buckets in range). Single-threaded JavaScript makes
 * every method atomic; use the PostgreSQL store when several processes share the counters.
 */
export function createMemoryCounterStore(): MemoryCounterStore {
  const series = new Map<string, Series>();

  const add = (
    key: string,
    bucketStart: number,
    amount: number,
    retainMs: number | undefined,
  ): number => {
    let entry = series.get(key);
    if (!entry) {
      entry = {
        starts: [],
        values: [],
        expires: [],
        running: [],
        runningLength: 0,
        inexact: false,
      };
      series.set(key, entry);
    }
    const { starts, values, expires } = entry;
    const index = lowerBound(starts, bucketStart);
    if (index < entry.runningLength) entry.runningLength = index;
    if (starts[index] === bucketStart) {
      values[index] = (values[index] ?? 0) + amount;
      // The longest retention asked for wins; none given leaves the bucket's as it is.
      if (retainMs !== undefined) {
        const current = expires[index] ?? Number.POSITIVE_INFINITY;
        const asked = bucketStart + retainMs;
        if (current === Number.POSITIVE_INFINITY || asked > current) expires[index] = asked;
      }
      return values[index];
    }
    const expiry = retainMs === undefined ? Number.POSITIVE_INFINITY : bucketStart + retainMs;
    // Time moves forward, so new buckets are almost always appended; push keeps the arrays
    // packed (inserting with splice makes V8 scan them several times slower).
    if (index === starts.length) {
      starts.push(bucketStart);
      values.push(amount);
      expires.push(expiry);
    } else {
      starts.splice(index, 0, bucketStart);
      values.splice(index, 0, amount);
      expires.splice(index, 0, expiry);
    }
    return amount;
  };

  const bucketValue = (key: string, bucketStart: number): number => {
    const entry = series.get(key);
    if (!entry) return 0;
    const index = lowerBound(entry.starts, bucketStart);
    return entry.starts[index] === bucketStart ? (entry.values[index] ?? 0) : 0;
  };
  const total = (key: string, from: number, to: number): number => {
    const entry = series.get(key);
    if (!entry) return 0;
    const start = lowerBound(entry.starts, from);
    const end = lowerBound(entry.starts, to);
    if (start >= end) return 0;
    if (!entry.inexact && extendRunning(entry, end)) {
      const sum =
        (entry.running[end - 1] as number) - (start > 0 ? (entry.running[start - 1] as number) : 0);
      // As the loop's sum, which starts from +0: never -0.
      return sum === 0 ? 0 : sum;
    }
    let result = 0;
    for (let index = start; index < end; index++) result += entry.values[index] ?? 0;
    return result;
  };

  // The writes, answered at once: the rails call these directly (see `synchronousCountersOf`),
  // and the store's methods are these plus the promise. The signal is checked once the
  // arguments are valid, as `CounterStore` asks; the rails pass none.
  const counters: SynchronousCounters = {
    increment(keyInput, bucketStartInput, amountInput, options) {
      const [key, bucketStart, amount] = parseCounterStoreArguments('increment', [
        keyInput,
        bucketStartInput,
        amountInput,
      ]);
      const retainMs = parseRetainMs('increment', options);
      throwIfAborted(options?.abortSignal);
      if (!isWithinCounterRange(bucketValue(key, bucketStart) + amount)) {
        throw counterOverflowError(key, bucketStart);
      }
      return add(key, bucketStart, amount, retainMs);
    },
    incrementIfWithin(keyInput, bucketStartInput, amountInput, windowInput, options) {
      const [key, bucketStart, amount, window] = parseCounterStoreArguments('incrementIfWithin', [
        keyInput,
        bucketStartInput,
        amountInput,
        windowInput,
      ]);
      const retainMs = parseRetainMs('incrementIfWithin', options);
      throwIfAborted(options?.abortSignal);
      const current = total(key, window.from, window.to);
      // A window or bucket beyond the exact range is refused like a limit: it could not be counted.
      if (
        current + amount > Math.min(window.limit, maxCounterAmount) ||
        !isWithinCounterRange(bucketValue(key, bucketStart) + amount)
      ) {
        return { applied: false, total: current };
      }
      add(key, bucketStart, amount, retainMs);
      const inside = bucketStart >= window.from && bucketStart < window.to;
      return { applied: true, total: inside ? current + amount : current };
    },
  };

  const store: MemoryCounterStore = {
    // Named parameters, not `...args`: the counters sit on every decision's path, and a rest
    // array plus its slice per call is garbage the rails pay for.
    async increment(key, bucketStart, amount, options) {
      return counters.increment(key, bucketStart, amount, options);
    },
    async sum(keyInput, fromInput, toInput, options) {
      const [key, from, to] = parseCounterStoreArguments('sum', [keyInput, fromInput, toInput]);
      throwIfAborted(options?.abortSignal);
      return total(key, from, to);
    },
    async buckets(...args) {
      const [key, from, to] = parseCounterStoreArguments('buckets', args.slice(0, 3));
      throwIfAborted(args[3]?.abortSignal);
      const entry = series.get(key);
      if (!entry) return [];
      const result: CounterBucket[] = [];
      const end = lowerBound(entry.starts, to);
      for (let index = lowerBound(entry.starts, from); index < end; index++) {
        result.push({ bucketStart: entry.starts[index] ?? 0, value: entry.values[index] ?? 0 });
      }
      return result;
    },
    async incrementIfWithin(key, bucketStart, amount, window, options) {
      return counters.incrementIfWithin(key, bucketStart, amount, window, options);
    },
    async prune(...args) {
      const [before] = parseCounterStoreArguments('prune', args.slice(0, 1));
      throwIfAborted(args[1]?.abortSignal);
      let dropped = 0;
      for (const [key, entry] of series) {
        const count = lowerBound(entry.starts, before);
        if (count === 0) continue;
        dropped += count;
        if (count === entry.starts.length) {
          series.delete(key);
        } else {
          entry.starts.splice(0, count);
          entry.values.splice(0, count);
          entry.expires.splice(0, count);
          resetRunning(entry);
        }
      }
      return dropped;
    },
    async pruneExpired(...args) {
      const [now] = parseCounterStoreArguments('pruneExpired', args.slice(0, 1));
      throwIfAborted(args[1]?.abortSignal);
      let dropped = 0;
      for (const [key, entry] of series) {
        const { starts, values, expires } = entry;
        // Compacts in place, in one pass: retentions may differ between a key's buckets.
        let kept = 0;
        for (let index = 0; index < starts.length; index++) {
          const expiry = expires[index] ?? Number.POSITIVE_INFINITY;
          if (expiry <= now) continue;
          starts[kept] = starts[index] ?? 0;
          values[kept] = values[index] ?? 0;
          expires[kept] = expiry;
          kept++;
        }
        dropped += starts.length - kept;
        if (kept === 0) {
          series.delete(key);
        } else {
          starts.length = kept;
          values.length = kept;
          expires.length = kept;
          resetRunning(entry);
        }
      }
      return dropped;
    },
    bucketCount() {
      let count = 0;
      for (const entry of series.values()) count += entry.starts.length;
      return count;
    },
  };
  registerSynchronousCounters(store, counters);
  return store;
}

/** Makes `running` valid below `end`; false (and `inexact`) once a total is not exact. */
function extendRunning(entry: Series, end: number): boolean {
  const { values, running } = entry;
  let index = entry.runningLength;
  let sum = index > 0 ? (running[index - 1] as number) : 0;
  for (; index < end; index++) {
    const value = values[index] ?? 0;
    sum += value;
    if (
      !Number.isInteger(value) ||
      !Number.isInteger(sum) ||
      sum > maxExactRunning ||
      sum < -maxExactRunning
    ) {
      entry.inexact = true;
      entry.runningLength = 0;
      return false;
    }
    if (index === running.length) running.push(sum);
    else running[index] = sum;
  }
  entry.runningLength = index;
  return true;
}

/** After a prune: totals are rebuilt from the first bucket on the next read. */
function resetRunning(entry: Series): void {
  entry.running.length = 0;
  entry.runningLength = 0;
  entry.inexact = false;
}
