import { GuardloopError, parseInput } from '@guardloop/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CounterStore } from '../counter-store';
import { maxCounterAmount, maxCounterKeyBytes } from '../counter-store-arguments';

export interface CounterStoreContractOptions {
  /** Shown in the describe block, e.g. `memory` or `postgres (pglite)`. */
  name: string;
  /** Returns an empty store; called once per test. */
  createStore: () => CounterStore | Promise<CounterStore>;
  /** Runs after each test, e.g. to close a connection pool or drop a schema. */
  teardown?: (store: CounterStore) => void | Promise<void>;
}

const optionsSchema = z.object({
  name: z.string().min(1),
  createStore: z.function(),
  teardown: z.function().optional(),
});

const minute = 60_000;
// A realistic epoch, well beyond 2^31, to catch 32-bit columns and integer overflow.
const t0 = Date.UTC(2030, 0, 1);

const rejection = (call: () => Promise<unknown>) =>
  call().then(
    () => undefined,
    (reason: unknown) => reason,
  );

// Printable ASCII that does not compress: a long key of one repeated character would slip under
// PostgreSQL's index-size limit compressed, and hide the limit this checks.
const incompressible = (length: number) =>
  Array.from({ length }, (_, index) => String.fromCharCode(33 + ((index * 7919) % 89))).join('');

/**
 * The behaviour every `CounterStore` must have, as a vitest suite. Call it from a test file
 * with a `createStore` that returns an empty store; each test gets a fresh one.
 * @throws InvalidInputError for malformed options
 */
export function runCounterStoreContract(options: CounterStoreContractOptions): void {
  parseInput(optionsSchema, options, 'counter store contract options');
  const { name, createStore, teardown } = options;
  describe(`CounterStore contract: ${name}`, () => {
    let current: CounterStore | undefined;
    const fresh = async () => {
      current = await createStore();
      return current;
    };
    afterEach(async () => {
      if (current && teardown) await teardown(current);
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

    it('takes back a conditional increment with a negative one: the window has room again', async () => {
      // How the rate-limit rail gives back the slot of a dropped verdict.
      const store = await fresh();
      const window = { from: t0, to: t0 + minute, limit: 1 };
      expect(await store.incrementIfWithin('slot', t0, 1, window)).toEqual({
        applied: true,
        total: 1,
      });
      expect((await store.incrementIfWithin('slot', t0, 1, window)).applied).toBe(false);
      expect(await store.increment('slot', t0, -1)).toBe(0);
      expect(await store.incrementIfWithin('slot', t0, 1, window)).toEqual({
        applied: true,
        total: 1,
      });
      expect(await store.sum('slot', t0, t0 + minute)).toBe(1);
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

    it('drops a bucket once its retention has run out, and only then', async () => {
      const store = await fresh();
      const retainMs = 2 * minute;
      const window = { from: t0, to: t0 + 10 * minute, limit: 10 };
      await store.increment('r', t0, 1, { retainMs });
      expect(await store.incrementIfWithin('r', t0 + minute, 1, window, { retainMs })).toEqual({
        applied: true,
        total: 2,
      });
      await store.increment('kept', t0, 1);
      expect(await store.pruneExpired(t0 + retainMs - 1)).toBe(0);
      expect(await store.pruneExpired(t0 + retainMs)).toBe(1);
      expect(await store.buckets('r', t0, t0 + 10 * minute)).toEqual([
        { bucketStart: t0 + minute, value: 1 },
      ]);
      expect(await store.pruneExpired(t0 + retainMs)).toBe(0);
      expect(await store.pruneExpired(t0 + 100 * minute)).toBe(1);
      // A bucket never given a retention is left to prune(before).
      expect(await store.sum('kept', t0, t0 + minute)).toBe(1);
      expect(await store.increment('r', t0, 1, { retainMs })).toBe(1);
    });

    it('keeps a bucket for the longest retention written to it', async () => {
      const store = await fresh();
      await store.increment('k', t0, 1, { retainMs: minute });
      await store.increment('k', t0, 1, { retainMs: 5 * minute });
      await store.increment('k', t0, 1, { retainMs: 2 * minute });
      // A write without a retention leaves the bucket's as it is.
      await store.increment('k', t0, 1);
      await store.increment('late', t0, 1);
      await store.increment('late', t0, 1, { retainMs: minute });
      expect(await store.pruneExpired(t0 + minute)).toBe(1);
      expect(await store.sum('late', t0, t0 + minute)).toBe(0);
      expect(await store.pruneExpired(t0 + 5 * minute - 1)).toBe(0);
      expect(await store.sum('k', t0, t0 + minute)).toBe(4);
      expect(await store.pruneExpired(t0 + 5 * minute)).toBe(1);
      expect(await store.sum('k', t0, t0 + minute)).toBe(0);
    });

    it('counts each expired bucket once when several pruners run at the same time', async () => {
      const store = await fresh();
      for (let index = 0; index < 20; index++) {
        await store.increment(`k${index % 4}`, t0 + index * minute, 1, { retainMs: minute });
      }
      const dropped = await Promise.all(
        Array.from({ length: 4 }, () => store.pruneExpired(t0 + 10 * minute)),
      );
      expect(dropped.reduce((left, right) => left + right, 0)).toBe(10);
      expect(await store.pruneExpired(t0 + 100 * minute)).toBe(10);
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
      await expect(store.pruneExpired(t0, { abortSignal })).rejects.toBe(reason);
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
        // Fractional times cannot go into bigint columns.
        () => store.sum('k', t0, t0 + 0.5),
        () => store.buckets('k', t0 - 0.5, t0),
        () => store.incrementIfWithin('k', t0, 1, { ...window, to: t0 + 1.5 }),
        () => store.prune(t0 + 0.25),
        () => store.increment('k', Number.MAX_SAFE_INTEGER + 2, 1),
        () => store.pruneExpired(Number.NaN),
        () => store.pruneExpired(t0 + 0.5),
        () => store.increment('k', t0, 1, { retainMs: 0 }),
        () => store.increment('k', t0, 1, { retainMs: -minute }),
        () => store.increment('k', t0, 1, { retainMs: 1.5 }),
        () => store.increment('k', t0, 1, { retainMs: Number.POSITIVE_INFINITY }),
        () => store.incrementIfWithin('k', t0, 1, window, { retainMs: Number.NaN }),
        () => store.incrementIfWithin('k', t0, 1, window, { retainMs: '1m' as never }),
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

    it('rejects, with invalid_input and without writing, what a database cannot store', async () => {
      const store = await fresh();
      const window = { from: t0, to: t0 + minute, limit: 10 };
      const badKeys = [
        'tenant\u0000acme',
        'k\ud800',
        'k\udc00',
        '\ude42k',
        incompressible(maxCounterKeyBytes + 1),
        // The limit is in UTF-8 bytes: 'é' takes two.
        'é'.repeat(maxCounterKeyBytes / 2 + 1),
        'x'.repeat(1_000_000),
      ];
      for (const key of badKeys) {
        for (const call of [
          () => store.increment(key, t0, 1),
          () => store.incrementIfWithin(key, t0, 1, window),
          () => store.sum(key, t0, t0 + minute),
          () => store.buckets(key, t0, t0 + minute),
        ]) {
          const error = await rejection(call);
          expect({ key: key.slice(0, 20), code: (error as { code?: unknown })?.code }).toEqual({
            key: key.slice(0, 20),
            code: 'invalid_input',
          });
        }
      }
      for (const amount of [maxCounterAmount + 2, -1e300, 1e308]) {
        expect(
          GuardloopError.hasCode(
            await rejection(() => store.increment('k', t0, amount)),
            'invalid_input',
          ),
        ).toBe(true);
      }
      expect(await store.sum('k', t0 - minute, t0 + minute)).toBe(0);
    });

    it('keeps every well-formed key apart, up to the longest allowed', async () => {
      const store = await fresh();
      const keys = [
        'k',
        'k🙂',
        'k😀',
        'k\ufffd',
        'k\u0001',
        incompressible(maxCounterKeyBytes),
        'é'.repeat(maxCounterKeyBytes / 2),
        `${'x'.repeat(maxCounterKeyBytes - 4)}🙂`,
      ];
      for (const [index, key] of keys.entries()) {
        expect(await store.increment(key, t0, index + 1)).toBe(index + 1);
      }
      for (const [index, key] of keys.entries()) {
        expect(await store.buckets(key, t0, t0 + minute)).toEqual([
          { bucketStart: t0, value: index + 1 },
        ]);
      }
      const window = { from: t0, to: t0 + minute, limit: 100 };
      expect(await store.incrementIfWithin(keys[5] ?? '', t0, 4, window)).toEqual({
        applied: true,
        total: 10,
      });
    });

    it('holds the largest amounts and times exactly', async () => {
      const store = await fresh();
      const latest = Number.MAX_SAFE_INTEGER;
      expect(await store.increment('k', latest, maxCounterAmount)).toBe(maxCounterAmount);
      expect(await store.increment('k', -latest, -maxCounterAmount)).toBe(-maxCounterAmount);
      expect(await store.buckets('k', -latest, latest)).toEqual([
        { bucketStart: -latest, value: -maxCounterAmount },
      ]);
      expect(await store.sum('k', latest, latest)).toBe(0);
      expect(await store.prune(latest)).toBe(1);
      expect(await store.buckets('k', latest - 1, latest)).toEqual([]);
    });

    it('never lets a bucket or a checked window pass maxCounterAmount, where counts would round', async () => {
      const store = await fresh();
      const max = maxCounterAmount;
      expect(await store.increment('k', t0, max - 1)).toBe(max - 1);
      expect(await store.increment('k', t0, 1)).toBe(max);
      // 2^53 + 1 is not a double: the sum would silently drop the amount.
      const overflow = await rejection(() => store.increment('k', t0, 2));
      expect(GuardloopError.hasCode(overflow, 'invalid_input')).toBe(true);
      expect(await rejection(() => store.increment('k', t0, max))).toMatchObject({
        code: 'invalid_input',
      });
      // With a signal the write runs in a transaction: refused the same way, nothing written.
      const abortSignal = new AbortController().signal;
      expect(await rejection(() => store.increment('k', t0, 1, { abortSignal }))).toMatchObject({
        code: 'invalid_input',
      });
      expect(await store.sum('k', t0, t0 + 1)).toBe(max);
      expect(await store.increment('k', t0, -max)).toBe(0);
      expect(await store.increment('n', t0, -max)).toBe(-max);
      await expect(store.increment('n', t0, -1)).rejects.toMatchObject({ code: 'invalid_input' });
      // A limit above the exact range is capped to it; a bucket outside the window counts too.
      const window = { from: t0, to: t0 + minute, limit: Number.MAX_VALUE };
      expect(await store.incrementIfWithin('w', t0, max, window)).toEqual({
        applied: true,
        total: max,
      });
      expect(await store.incrementIfWithin('w', t0 + 1, 1, window)).toEqual({
        applied: false,
        total: max,
      });
      const later = { from: t0 + minute, to: t0 + 2 * minute, limit: Number.MAX_VALUE };
      expect(await store.incrementIfWithin('w', t0, 1, later)).toEqual({
        applied: false,
        total: 0,
      });
      expect(await store.sum('w', t0, t0 + 2 * minute)).toBe(max);
    });

    it('reports every aborted write truthfully: rejected ones wrote nothing', async () => {
      const store = await fresh();
      const window = { from: t0, to: t0 + minute, limit: 1_000 };
      const ticks = (count: number) =>
        Array.from({ length: count }).reduce<Promise<void>>(
          (previous) => previous.then(() => undefined),
          Promise.resolve(),
        );
      // Abort at different points of each call's progress: reported outcomes must add up.
      const calls = Array.from({ length: 24 }, async (_, index) => {
        const controller = new AbortController();
        const options = { abortSignal: controller.signal };
        const pending =
          index % 2 === 0
            ? store.incrementIfWithin('a', t0, 1, window, options).then((result) => result.applied)
            : store.increment('a', t0, 1, options).then(() => true);
        await ticks(index);
        controller.abort(new Error('gave up'));
        return pending.then(
          (applied) => (applied ? 1 : 0),
          (reason: unknown) => {
            expect((reason as Error).message).toBe('gave up');
            return 0;
          },
        );
      });
      const applied = (await Promise.all(calls)).reduce((left, right) => left + right, 0);
      expect(await store.sum('a', t0, t0 + minute)).toBe(applied);
    });
  });
}
