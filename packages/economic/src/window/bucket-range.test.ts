import { describe, expect, it } from 'vitest';
import { bucketStartOf, periodRange, trailingRange } from './bucket-range';

const minute = 60_000;
const day = 86_400_000;

describe('bucket ranges', () => {
  it('aligns buckets on the epoch', () => {
    expect(bucketStartOf(125_000, minute)).toBe(120_000);
    expect(bucketStartOf(120_000, minute)).toBe(120_000);
  });

  it('covers a sliding window with the current bucket and the ones before it', () => {
    const at = 10 * minute + 30_000;
    expect(trailingRange(at, 5 * minute, minute)).toEqual({
      bucketStart: 10 * minute,
      from: 6 * minute,
      to: 11 * minute,
    });
  });

  it('rounds a window that is not a whole number of buckets up', () => {
    expect(trailingRange(10 * minute, 90_000, minute)).toEqual({
      bucketStart: 10 * minute,
      from: 9 * minute,
      to: 11 * minute,
    });
  });

  it('turns a one-day period into the UTC day containing the time', () => {
    const at = Date.UTC(2030, 0, 2, 15, 45);
    expect(periodRange(at, day)).toEqual({
      bucketStart: Date.UTC(2030, 0, 2),
      from: Date.UTC(2030, 0, 2),
      to: Date.UTC(2030, 0, 3),
    });
  });
});
