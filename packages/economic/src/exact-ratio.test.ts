import { describe, expect, it } from 'vitest';
import { compareRatios, decimalRatio, ratioToNumber } from './exact-ratio';

describe('exact ratios', () => {
  it.each<[number, bigint, bigint]>([
    [0.99, 99n, 100n],
    [0.999, 999n, 1000n],
    [3, 3n, 1n],
    [-0.25, -25n, 100n],
    [1e-7, 1n, 10_000_000n],
    [1.5e-9, 15n, 10_000_000_000n],
    [1e21, 10n ** 21n, 1n],
    [0, 0n, 1n],
  ])('reads %d as the decimal it is written as', (value, numerator, denominator) => {
    expect(decimalRatio(value)).toEqual({ numerator, denominator });
  });

  it('refuses what is not a finite number', () => {
    expect(() => decimalRatio(Number.NaN)).toThrow(RangeError);
    expect(() => decimalRatio(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('compares a zero on the left as the products do (its shortcut)', () => {
    const slow = (left: { numerator: bigint; denominator: bigint }, right: typeof left) => {
      const difference = left.numerator * right.denominator - right.numerator * left.denominator;
      return difference < 0n ? -1 : difference > 0n ? 1 : 0;
    };
    for (const denominator of [1n, 7n, 10n ** 20n]) {
      for (const right of [-3n, -1n, 0n, 1n, 10n ** 30n]) {
        const zero = { numerator: 0n, denominator };
        const other = { numerator: right, denominator: 3n };
        expect(compareRatios(zero, other)).toBe(slow(zero, other));
      }
    }
  });

  it('compares exactly where doubles cannot', () => {
    // 1 - 0.99 in doubles is 0.010000000000000009; as decimals it is 1/100 exactly.
    const allowed = { numerator: 100n - 99n, denominator: 100n };
    expect(compareRatios(decimalRatio(0.01), allowed)).toBe(0);
    expect(
      compareRatios({ numerator: 1n, denominator: 3n }, { numerator: 333n, denominator: 1000n }),
    ).toBe(1);
  });

  it('rounds to the nearest double, also for huge terms', () => {
    expect(ratioToNumber({ numerator: 9n, denominator: 9n })).toBe(1);
    expect(ratioToNumber({ numerator: 1n, denominator: 3n })).toBe(1 / 3);
    const big = 10n ** 40n;
    expect(ratioToNumber({ numerator: big, denominator: 3n * big })).toBe(1 / 3);
    expect(ratioToNumber({ numerator: -7n * big, denominator: 2n * big })).toBe(-3.5);
  });
});
