import { describe, expect, it } from 'vitest';
import { normalCdf, twoProportionPValue, wilsonUpperBound } from './proportion-statistics';

describe('proportion statistics', () => {
  it('computes the normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 3);
  });

  it('bounds a proportion from above (Wilson)', () => {
    expect(wilsonUpperBound(0, 0)).toBe(1);
    expect(wilsonUpperBound(0, 100)).toBeCloseTo(0.0263, 3);
    // The upper end of the 90% two-sided Wilson interval of 10/100.
    expect(wilsonUpperBound(10, 100)).toBeCloseTo(0.1604, 3);
    expect(wilsonUpperBound(100, 100)).toBe(1);
  });

  it('tests two proportions', () => {
    expect(twoProportionPValue(1, 0, 1, 2)).toBeUndefined();
    expect(twoProportionPValue(50, 100, 50, 100)).toBeCloseTo(1, 6);
    expect(twoProportionPValue(40, 100, 60, 100)).toBeCloseTo(0.0047, 3);
    expect(twoProportionPValue(0, 10, 0, 10)).toBe(1);
  });
});
