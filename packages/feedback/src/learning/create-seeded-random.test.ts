import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './create-seeded-random';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it('draws uniformly from [0, 1)', () => {
    const random = createSeededRandom(1);
    const draws = Array.from({ length: 20_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 1);
    const lowQuarter = draws.filter((value) => value < 0.25).length / draws.length;
    expect(lowQuarter).toBeCloseTo(0.25, 1);
  });

  it('rejects a seed that is not a finite number', () => {
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, '1', undefined]) {
      expect(() => createSeededRandom(seed as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(
      GuardloopError.hasCode(
        catchError(() => createSeededRandom(Number.NaN)),
        'invalid_input',
      ),
    ).toBe(true);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
