import { GuardloopError } from '@guardloop/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CounterStore } from '../counter-store';

export interface CounterStoreContractOptions {
  /** Runs after each test, e.g. to close a connection pool or drop a schema. */
  teardown?: (store: CounterStore) => void | Promise<void>;
}

const minute = 60_000;
// A realistic epoch, well beyond 2^31, to catch 32-bit columns and integer overflow.
const t0 = Date.UTC(2030, 0, 1);

/**
 * The behaviour every `CounterStore` must have, as a vitest suite. Call it from a test file
 * with a factory that returns an empty store; each test gets a fresh one.
 */
export function runCounterStoreContract(
  name: string,
  makeStore: () => CounterStore | Promise<CounterStore>,
  options: CounterStoreContractOptions = {},
): void {
  describe(`CounterStore contract: ${name}`, () => {
    let current: CounterStore | undefined;
    const fresh = async () => {
      current = await makeStore();
      return current;
    };
    afterEach(async () => {
      if (current && options.teardown) await options.teardown(current);
      current = undefined;
    });

    it('adds to a bucket and resolves with its new value', async () => {
      const store = await fresh();
      expect(await store.increment('a', t0, 2)).toBe(2);
      expect(await store.increment('a', t0, 3)).toBe(5);
      expect(await store.increment('a', t0 + minute, 1)).toBe(1);
      expect(await store.increment('b', t0, 7)).toBe(7);
      expect(await store.sum('a', t0, t0 + 2 * minute)).toBe(6);
    });

    it('accepts fractional and negative amounts', async () => {
      const store = await fresh();
      await store.increment('usd', t0, 0.1);
      expect(await store.increment('usd', t0, 0.2)).toBeCloseTo(0.3, 10);
      expect(await store.increment('usd', t0, -0.3)).toBeCloseTo(0, 10);
    });

    it('sums the half-open range [from, to) and returns 0 when it is empty', async () => {
      const store = await fresh();
      for (let index = 0; index < 5; index++) await store.increment('k', t0 + index * minute, 1);
      expect(await store.sum('k', t0 + minute, t0 + 3 * minute)).toBe(2);
      expect(await store.sum('k', t0, t0)).toBe(0);
      expect(await store.sum('k', t0 - 10 * minute, t0 + 10 * minute)).toBe(5);
      expect(await store.sum('missing', t0, t0 + minute)).toBe(0);
    });

    it('lists the buckets of a range in ascending order, whatever the write order', async () => {
      const store = await fresh();
      await store.increment('k', t0 + 2 * minute, 3);
      await store.increment('k', t0, 1);
      await store.increment('k', t0 + minute, 2);
      await store.increment('k', t0 + 3 * minute, 4);
      await store.increment('other', t0 + minute, 9);
      expect(await store.buckets('k', t0, t0 + 3 * minute)).toEqual([
        { bucketStart: t0, value: 1 },
        { bucketStart: t0 + minute, value: 2 },
        { bucketStart: t0 + 2 * minute, value: 3 },
      ]);
      expect(await store.buckets('missing', t0, t0 + minute)).toEqual([]);
    });

    it('applies a conditional increment only while the window stays within its limit', async () => {
      const store = await fresh();
      const window = { from: t0, to: t0 + 10 * minute, limit: 5 };
      expect(await store.incrementIfWithin('r', t0, 3, window)).toEqual({
        applied: true,
        total: 3,
      });
      expect(await store.incrementIfWithin('r', t0 + minute, 2, window)).toEqual({
        applied: true,
        total: 5,
      });
      expect(await store.incrementIfWithin('r', t0 + minute, 1, window)).toEqual({
        applied: false,
        total: 5,
      });
      expect(await store.sum('r', t0, t0 + 10 * minute)).toBe(5);
    });

    it('counts only the window when checking a conditional increment', async () => {
      const store = await fresh();
      await store.increment('r', t0, 10);
      const window = { from: t0 + minute, to: t0 + 2 * minute, limit: 4 };
      expect(await store.incrementIfWithin('r', t0 + minute, 4, window)).toEqual({
        applied: true,
        total: 4,
      });
      // A write outside the window is still checked against the window, and not counted in it.
      const outside = { from: t0 + minute, to: t0 + 2 * minute, limit: 10 };
      expect(await store.incrementIfWithin('r', t0 + 5 * minute, 3, outside)).toEqual({
        applied: true,
        total: 4,
      });
      expect(await store.sum('r', t0 + 5 * minute, t0 + 6 * minute)).toBe(3);
    });

    it('never overshoots the limit under concurrent conditional increments', async () => {
      const store = await fresh();
      const window = { from: t0, to: t0 + minute, limit: 20 };
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.incrementIfWithin('c', t0, 1, window)),
      );
      expect(results.filter((result) => result.applied)).toHaveLength(20);
      expect(await store.sum('c', t0, t0 + minute)).toBe(20);
    });

    it('loses no update under concurrent increments', async () => {
      const store = await fresh();
      await Promise.all(Array.from({ length: 50 }, () => store.increment('c', t0, 1)));
      expect(await store.sum('c', t0, t0 + 1)).toBe(50);
    });

    it('prunes the buckets of every key that start before the cut-off', async () => {
      const store = await fresh();
      for (let index = 0; index < 4; index++) {
        await store.increment('a', t0 + index * minute, 1);
        await store.increment('b', t0 + index * minute, 1);
      }
      expect(await store.prune(t0 + 2 * minute)).toBe(4);
      expect(await store.buckets('a', t0, t0 + 10 * minute)).toEqual([
        { bucketStart: t0 + 2 * minute, value: 1 },
        { bucketStart: t0 + 3 * minute, value: 1 },
      ]);
      expect(await store.sum('b', t0, t0 + 10 * minute)).toBe(2);
      expect(await store.prune(t0 + 2 * minute)).toBe(0);
      expect(await store.prune(t0 + 10 * minute)).toBe(4);
      expect(await store.increment('a', t0 + 3 * minute, 1)).toBe(1);
    });

    it('rejects with the abort reason, and writes nothing, when already aborted', async () => {
      const store = await fresh();
      const reason = new Error('caller gave up');
      const abortSignal = AbortSignal.abort(reason);
      const window = { from: t0, to: t0 + minute, limit: 10 };
      await expect(store.increment('k', t0, 1, { abortSignal })).rejects.toBe(reason);
      await expect(store.sum('k', t0, t0 + 1, { abortSignal })).rejects.toBe(reason);
      await expect(store.buckets('k', t0, t0 + 1, { abortSignal })).rejects.toBe(reason);
      await expect(store.incrementIfWithin('k', t0, 1, window, { abortSignal })).rejects.toBe(
        reason,
      );
      await expect(store.prune(t0, { abortSignal })).rejects.toBe(reason);
      expect(await store.sum('k', t0, t0 + minute)).toBe(0);
    });

    it('rejects malformed arguments with invalid_input', async () => {
      const store = await fresh();
      const window = { from: t0, to: t0 + minute, limit: 10 };
      const calls: Array<() => Promise<unknown>> = [
        () => store.increment('', t0, 1),
        () => store.increment('k', t0 + 0.5, 1),
        () => store.increment('k', t0, Number.NaN),
        () => store.increment('k', t0, Number.POSITIVE_INFINITY),
        () => store.sum('k', t0 + minute, t0),
        () => store.buckets('k', Number.NaN, t0),
        () => store.incrementIfWithin('k', t0, 1, { ...window, limit: Number.NaN }),
        () => store.incrementIfWithin('k', t0, 1, { ...window, from: t0 + 2 * minute }),
        () => store.prune(Number.POSITIVE_INFINITY),
      ];
      for (const call of calls) {
        const error = await call().then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
      }
      expect(await store.sum('k', t0 - minute, t0 + minute)).toBe(0);
    });
  });
}
