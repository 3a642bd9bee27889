import { type Clock, systemClock, throwIfAborted } from '@guardloop/core';
import type { CounterStore, CounterStoreCallOptions } from './counter-store';
import { parseWindow, type WindowInput } from './window/window';

export interface CounterPrunerOptions {
  store: CounterStore;
  /** How long buckets are kept: at least the longest window read, e.g. `slo.retentionMs`. */
  retention: WindowInput;
  /** Time between prunes once started. Default `'1h'`. */
  interval?: WindowInput;
  clock?: Clock;
  /** Told about a failed scheduled prune; the next one retries. */
  onError?: (error: unknown) => void;
}

export interface CounterPruner {
  /** Drops buckets older than the retention now; resolves with how many were dropped. */
  prune(options?: CounterStoreCallOptions): Promise<number>;
  /** Prunes every `interval` on the clock until `stop()`. */
  start(): void;
  stop(): void;
}

/**
 * Keeps a store's memory bounded by time: counters already cost one bucket per key and period
 * whatever the traffic, and pruning drops the buckets no window reads any more. `prune` acts
 * on every key of the store, so give the retention of the longest window any user of the store
 * reads. Throws `InvalidWindowError` (code `invalid_window`) for a bad retention or interval.
 */
export function createCounterPruner({
  store,
  retention,
  interval = '1h',
  clock = systemClock,
  onError = () => {},
}: CounterPrunerOptions): CounterPruner {
  const retentionMs = parseWindow(retention, 'counter pruner retention');
  const intervalMs = parseWindow(interval, 'counter pruner interval');
  let cancel: (() => void) | undefined;

  const prune = async (options: CounterStoreCallOptions = {}) => {
    throwIfAborted(options.abortSignal);
    return store.prune(clock.now() - retentionMs, options);
  };
  const schedule = () => {
    cancel = clock.setTimer(intervalMs, () => {
      schedule();
      prune().catch(onError);
    });
  };

  return {
    prune,
    start() {
      if (!cancel) schedule();
    },
    stop() {
      cancel?.();
      cancel = undefined;
    },
  };
}
