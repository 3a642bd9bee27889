import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { clockSchema, maxTimeoutMs, throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import type { CounterStore, CounterStoreCallOptions } from './counter-store';
import { InvalidWindowError } from './errors/invalid-window-error';
import { parseWindow, type WindowInput } from './window/window';

export interface CounterPrunerOptions {
  store: CounterStore;
  /** Time between prunes once started, at most 2^31 − 1 ms (about 24 days). Default `'1h'`. */
  interval?: WindowInput;
  /**
   * Also drop buckets written without a `retainMs` once they are this old (`store.prune(now -
   * retention)`). The rails and the SLO tracker give every bucket its retention, so this only
   * matters for other writers of the store; it must cover the longest window they read.
   */
  retention?: WindowInput;
  clock?: Clock;
  /** Told about a failed scheduled prune (what it throws is ignored); the next one retries. */
  onError?: (error: unknown) => void;
}

export interface CounterPruner {
  /** Drops the buckets whose retention has run out now; resolves with how many were dropped. */
  prune(options?: CounterStoreCallOptions): Promise<number>;
  /** Prunes at once, then every `interval` on the clock until `stop()`. Starting twice is a no-op. */
  start(): void;
  /** Cancels the timer and calls off a scheduled prune in progress. */
  stop(): void;
}

const optionsSchema = z.object({
  store: z.custom<CounterStore>(
    (value) =>
      typeof (value as CounterStore | null)?.pruneExpired === 'function' &&
      typeof (value as CounterStore).prune === 'function',
    'Expected a CounterStore',
  ),
  clock: clockSchema.optional(),
  onError: z.function().optional(),
});

/**
 * Keeps a store bounded by time: each bucket is written with how long it is read (`retainMs`: a
 * rate limit's window, an SLO's longest window at that bucket size, a budget's period), and the
 * pruner drops the ones past it with `store.pruneExpired`. Scheduled prunes never overlap: a
 * prune still running when the next is due skips that one. Several processes may each run a
 * pruner on one shared store: deletes are idempotent, so concurrent prunes only repeat work.
 * Stop it on shutdown: with the system clock its timer keeps the process alive. Throws
 * `InvalidInputError` (code `invalid_input`) for malformed options and `InvalidWindowError`
 * (code `invalid_window`) for a bad interval or retention.
 */
export function createCounterPruner(options: CounterPrunerOptions): CounterPruner {
  parseInput(optionsSchema, options, 'counter pruner options');
  const { store, interval = '1h', retention, clock = systemClock, onError } = options;
  const intervalMs = parseWindow(interval, 'counter pruner interval');
  // Past 2^31 - 1 ms timers fire at once: the pruner would spin instead of waiting.
  if (intervalMs > maxTimeoutMs) {
    throw new InvalidWindowError({
      window: interval,
      subject: 'counter pruner interval',
      reason: `is longer than ${maxTimeoutMs} ms, the longest delay timers honour`,
    });
  }
  const retentionMs =
    retention === undefined ? undefined : parseWindow(retention, 'counter pruner retention');
  let cancelTimer: (() => void) | undefined;
  let controller: AbortController | undefined;
  let running = false;

  const prune = async ({ abortSignal }: CounterStoreCallOptions = {}) => {
    throwIfAborted(abortSignal);
    const now = clock.now();
    const callOptions = abortSignal ? { abortSignal } : {};
    let dropped = await store.pruneExpired(now, callOptions);
    if (retentionMs !== undefined) {
      const before = Math.max(now - retentionMs, Number.MIN_SAFE_INTEGER);
      dropped += await store.prune(before, callOptions);
    }
    return dropped;
  };
  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // A failing error handler must not become an unhandled rejection.
    }
  };
  const tick = (signal: AbortSignal) => {
    cancelTimer = clock.setTimer(intervalMs, () => tick(signal));
    if (running) return;
    running = true;
    prune({ abortSignal: signal })
      .catch((error: unknown) => {
        if (!signal.aborted) report(error);
      })
      .finally(() => {
        running = false;
      });
  };

  return {
    prune,
    start() {
      if (controller) return;
      controller = new AbortController();
      tick(controller.signal);
    },
    stop() {
      cancelTimer?.();
      cancelTimer = undefined;
      controller?.abort(new Error('The counter pruner was stopped.'));
      controller = undefined;
    },
  };
}
