import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from './memory-counter-store';

/** The plain model: buckets in a Map, a window's sum as the loop over its buckets in order. */
function createModel() {
  const buckets = new Map<number, number>();
  return {
    add(bucketStart: number, amount: number) {
      buckets.set(bucketStart, (buckets.get(bucketStart) ?? 0) + amount);
    },
    sum(from: number, to: number) {
      let result = 0;
      const starts = [...buckets.keys()].sort((left, right) => left - right);
      for (const start of starts)
        if (start >= from && start < to) result += buckets.get(start) ?? 0;
      return result;
    },
    prune(before: number) {
      for (const start of [...buckets.keys()]) if (start < before) buckets.delete(start);
    },
  };
}

describe('createMemoryCounterStore sums (running totals)', () => {
  it('sums exactly as the loop over the buckets, whatever the writes, amounts and prunes', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = createSeededRandom(seed);
      const store = createMemoryCounterStore();
      const model = createModel();
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
      // Integers most of the time; some seeds add fractions, -0 and totals past 2^52 too.
      const amounts = [1, 2, 250, -3, 0, 7, -1];
      const odd = [0.002, 0.1, -0, 2 ** 52, -(2 ** 52), 2 ** 51 + 0.5];
      let now = 1000;
      for (let step = 0; step < 300; step++) {
        const roll = random();
        if (roll < 0.6) {
          // Mostly the newest buckets (time moves forward), sometimes an older one.
          now += Math.floor(random() * 3);
          const bucketStart = random() < 0.8 ? now : Math.floor(random() * now);
          const amount = seed % 4 === 0 && random() < 0.2 ? pick(odd) : pick(amounts);
          try {
            await store.increment('k', bucketStart, amount);
            model.add(bucketStart, amount);
          } catch {
            // Beyond ±2^53: refused, nothing written (the store contract); the model skips it.
          }
        } else if (roll < 0.95) {
          const from = Math.floor(random() * (now + 2));
          const to = from + Math.floor(random() * (now + 2 - from + 1));
          expect(Object.is(await store.sum('k', from, to), model.sum(from, to))).toBe(true);
        } else {
          const before = Math.floor(random() * now);
          await store.prune(before);
          model.prune(before);
        }
      }
      expect(Object.is(await store.sum('k', 0, now + 1), model.sum(0, now + 1))).toBe(true);
    }
  });

  it('keeps conditional increments right over long series (an SLO window of 720 hours)', async () => {
    const store = createMemoryCounterStore();
    const hour = 3_600_000;
    for (let index = 0; index < 720; index++) await store.increment('good', index * hour, 250);
    expect(await store.sum('good', 0, 720 * hour)).toBe(180_000);
    expect(await store.sum('good', 10 * hour, 20 * hour)).toBe(2_500);
    await store.increment('good', 15 * hour, -50);
    expect(await store.sum('good', 10 * hour, 20 * hour)).toBe(2_450);
    const result = await store.incrementIfWithin('good', 719 * hour, 1, {
      from: 700 * hour,
      to: 720 * hour,
      limit: 5_001,
    });
    expect(result).toEqual({ applied: true, total: 5_001 });
    expect(await store.sum('good', 0, 720 * hour)).toBe(179_951);
  });
});
