import { createManualClock } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createCounterPruner } from './counter-pruner';
import { createMemoryCounterStore } from './memory-counter-store';

const hour = 3_600_000;

describe('createCounterPruner', () => {
  it('drops buckets older than the retention, on demand', async () => {
    const clock = createManualClock(10 * hour);
    const store = createMemoryCounterStore();
    for (let index = 0; index < 10; index++) await store.increment('k', index * hour, 1);
    const pruner = createCounterPruner({ store, clock, retention: '4h' });
    expect(await pruner.prune()).toBe(6);
    expect(await store.sum('k', 0, 10 * hour)).toBe(4);
  });

  it('prunes on the clock every interval until stopped', async () => {
    const clock = createManualClock(0);
    const store = createMemoryCounterStore();
    const pruner = createCounterPruner({ store, clock, retention: '1h', interval: '30m' });
    pruner.start();
    pruner.start();
    await store.increment('k', 0, 1);
    clock.advance(2 * hour);
    await Promise.resolve();
    expect(store.bucketCount()).toBe(0);
    pruner.stop();
    expect(clock.pendingTimers()).toBe(0);
    await store.increment('k', 2 * hour, 1);
    clock.advance(10 * hour);
    expect(store.bucketCount()).toBe(1);
  });

  it('reports failed scheduled prunes to onError and keeps going', async () => {
    const clock = createManualClock(0);
    const errors: unknown[] = [];
    const store = { ...createMemoryCounterStore(), prune: () => Promise.reject(new Error('down')) };
    const pruner = createCounterPruner({
      store,
      clock,
      retention: '1h',
      onError: (error) => errors.push(error),
    });
    pruner.start();
    clock.advance(2 * hour);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(1);
    pruner.stop();
  });

  it('rejects bad durations with invalid_window and honours abort', async () => {
    const store = createMemoryCounterStore();
    expect(() => createCounterPruner({ store, retention: '7x' as never })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
    expect(() => createCounterPruner({ store, retention: '1h', interval: 0 })).toThrowError(
      expect.objectContaining({ code: 'invalid_window' }),
    );
    const reason = new Error('stop');
    const pruner = createCounterPruner({ store, retention: '1h' });
    await expect(pruner.prune({ abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
