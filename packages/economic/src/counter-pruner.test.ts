import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createCounterPruner } from './counter-pruner';
import type { CounterStore } from './counter-store';
import { createMemoryCounterStore } from './memory-counter-store';

const hour = 3_600_000;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createCounterPruner', () => {
  it('drops the buckets whose retention has run out, on demand', async () => {
    const clock = createManualClock(10 * hour);
    const store = createMemoryCounterStore();
    for (let index = 0; index < 10; index++) {
      await store.increment('k', index * hour, 1, { retainMs: 4 * hour });
    }
    await store.increment('unmanaged', 0, 1);
    const pruner = createCounterPruner({ store, clock });
    expect(await pruner.prune()).toBe(7);
    expect(await store.sum('k', 0, 10 * hour)).toBe(3);
    expect(await store.sum('unmanaged', 0, hour)).toBe(1);
  });

  it('also drops buckets written without a retention once older than `retention`', async () => {
    const clock = createManualClock(10 * hour);
    const store = createMemoryCounterStore();
    for (let index = 0; index < 10; index++) await store.increment('k', index * hour, 1);
    const pruner = createCounterPruner({ store, clock, retention: '4h' });
    expect(await pruner.prune()).toBe(6);
    expect(await store.sum('k', 0, 10 * hour)).toBe(4);
  });

  it('prunes at start, then every interval until stopped', async () => {
    const clock = createManualClock(hour);
    const store = createMemoryCounterStore();
    await store.increment('k', 0, 1, { retainMs: hour });
    const pruner = createCounterPruner({ store, clock, interval: '30m' });
    pruner.start();
    pruner.start();
    await settle();
    expect(store.bucketCount()).toBe(0);
    expect(clock.pendingTimers()).toBe(1);
    await store.increment('k', hour, 1, { retainMs: hour });
    clock.advance(hour / 2);
    await settle();
    expect(store.bucketCount()).toBe(1);
    clock.advance(hour / 2);
    await settle();
    expect(store.bucketCount()).toBe(0);
    pruner.stop();
    expect(clock.pendingTimers()).toBe(0);
    await store.increment('k', 2 * hour, 1, { retainMs: hour });
    clock.advance(10 * hour);
    await settle();
    expect(store.bucketCount()).toBe(1);
  });

  it('skips a scheduled prune while the previous one is still running', async () => {
    const clock = createManualClock(0);
    const pending: Array<() => void> = [];
    let calls = 0;
    const store: CounterStore = {
      ...createMemoryCounterStore(),
      pruneExpired: () => {
        calls++;
        return new Promise((resolve) => pending.push(() => resolve(0)));
      },
    };
    const pruner = createCounterPruner({ store, clock, interval: '1m' });
    pruner.start();
    clock.advance(5 * 60_000);
    await settle();
    expect(calls).toBe(1);
    for (const resolve of pending.splice(0)) resolve();
    await settle();
    clock.advance(60_000);
    await settle();
    expect(calls).toBe(2);
    pruner.stop();
  });

  it('reports failed scheduled prunes to onError and keeps going', async () => {
    const clock = createManualClock(0);
    const errors: unknown[] = [];
    const store = {
      ...createMemoryCounterStore(),
      pruneExpired: () => Promise.reject(new Error('down')),
    };
    const pruner = createCounterPruner({
      store,
      clock,
      onError: (error) => {
        errors.push(error);
        throw new Error('a failing handler is ignored');
      },
    });
    pruner.start();
    await settle();
    clock.advance(hour);
    await settle();
    clock.advance(hour);
    await settle();
    expect(errors).toHaveLength(3);
    expect(clock.pendingTimers()).toBe(1);
    pruner.stop();
  });

  it('calls off a scheduled prune in progress when stopped, without reporting it', async () => {
    const clock = createManualClock(0);
    const errors: unknown[] = [];
    const signals: AbortSignal[] = [];
    const store: CounterStore = {
      ...createMemoryCounterStore(),
      pruneExpired: (_now, options) =>
        new Promise((_resolve, reject) => {
          const signal = options?.abortSignal;
          if (signal) signals.push(signal);
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const pruner = createCounterPruner({ store, clock, onError: (error) => errors.push(error) });
    pruner.start();
    pruner.stop();
    await settle();
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
    expect(errors).toEqual([]);
  });

  it('drops each bucket once when pruners of several processes share a store', async () => {
    const clock = createManualClock(100 * hour);
    const store = createMemoryCounterStore();
    for (let index = 0; index < 50; index++) {
      await store.increment(`k${index % 5}`, index * hour, 1, { retainMs: hour });
    }
    const pruners = Array.from({ length: 3 }, () => createCounterPruner({ store, clock }));
    const dropped = await Promise.all(pruners.map((pruner) => pruner.prune()));
    expect(dropped.reduce((left, right) => left + right, 0)).toBe(50);
    expect(store.bucketCount()).toBe(0);
  });

  it('rejects bad options with a typed error, and honours abort', async () => {
    const store = createMemoryCounterStore();
    for (const options of [
      { store, retention: '7x' },
      { store, interval: 0 },
      // Beyond 2^31 - 1 ms a timer fires at once: the pruner would spin.
      { store, interval: '30d' },
    ]) {
      expect(() => createCounterPruner(options as never)).toThrowError(
        expect.objectContaining({ code: 'invalid_window' }),
      );
    }
    for (const options of [
      undefined,
      {},
      { store: { prune: () => Promise.resolve(0) } },
      { store, clock: { now: () => 0 } },
      { store, onError: 'log' },
    ]) {
      expect(() => createCounterPruner(options as never)).toThrowError(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    const reason = new Error('stop');
    const pruner = createCounterPruner({ store });
    await expect(pruner.prune({ abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
