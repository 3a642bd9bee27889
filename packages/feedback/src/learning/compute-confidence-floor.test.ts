import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { type ConfidenceSample, computeConfidenceFloor } from './compute-confidence-floor';
import { createSeededRandom } from './create-seeded-random';

/** Decisions whose error probability falls as confidence rises: 40% at 0.5, ~0% at 1. */
function samples(count: number, seed = 5): ConfidenceSample[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => {
    const confidence = Math.round((0.5 + random() * 0.5) * 100) / 100;
    return { confidence, error: random() < 0.8 * (1 - confidence) };
  });
}

describe('computeConfidenceFloor', () => {
  it('picks the lowest floor that keeps the error rate under the target', () => {
    const result = computeConfidenceFloor(samples(4000), { targetErrorRate: 0.05, minSamples: 50 });
    expect(result.status).toBe('calibrated');
    if (result.status !== 'calibrated') return;
    expect(result.errorRateUpperBound).toBeLessThanOrEqual(0.05);
    expect(result.errorRate).toBeLessThan(result.errorRateUpperBound);
    // Errors at the floor itself run at 0.8 * (1 - floor): the floor must sit well above 0.5.
    expect(result.floor).toBeGreaterThan(0.8);
    expect(result.floor).toBeLessThan(0.97);
    expect(result.expectedAutonomyRate).toBeCloseTo((1 - result.floor) / 0.5, 1);
    const lower = computeConfidenceFloor(samples(4000), { targetErrorRate: 0.1, minSamples: 50 });
    expect(lower.status === 'calibrated' && lower.floor).toBeLessThan(result.floor);
  });

  it('is more cautious with the Wilson bound than with the observed rate', () => {
    const data = samples(600);
    const wilson = computeConfidenceFloor(data, { targetErrorRate: 0.05, minSamples: 30 });
    const observed = computeConfidenceFloor(data, {
      targetErrorRate: 0.05,
      minSamples: 30,
      method: 'observed',
    });
    expect(wilson.status === 'calibrated' && observed.status === 'calibrated').toBe(true);
    if (wilson.status === 'calibrated' && observed.status === 'calibrated') {
      expect(wilson.floor).toBeGreaterThanOrEqual(observed.floor);
    }
  });

  it('counts unlabelled decisions for the autonomy rate only', () => {
    const labelled = Array.from({ length: 40 }, () => ({ confidence: 0.9, error: false }));
    const unlabelled = Array.from({ length: 40 }, () => ({ confidence: 0.2 }));
    const result = computeConfidenceFloor([...labelled, ...unlabelled], {
      targetErrorRate: 0.1,
      minSamples: 30,
    });
    expect(result).toMatchObject({
      status: 'calibrated',
      floor: 0.9,
      expectedAutonomyRate: 0.5,
      decisions: 80,
      labelledSamples: 40,
    });
  });

  it('never splits decisions of equal confidence', () => {
    const data = [
      ...Array.from({ length: 30 }, () => ({ confidence: 0.9, error: false })),
      ...Array.from({ length: 30 }, (_, index) => ({ confidence: 0.6, error: index < 15 })),
    ];
    const result = computeConfidenceFloor(data, {
      targetErrorRate: 0.2,
      minSamples: 30,
      method: 'observed',
    });
    expect(result).toMatchObject({ status: 'calibrated', floor: 0.9, autonomousSamples: 30 });
  });

  it('reports too few samples and an unreachable target', () => {
    expect(computeConfidenceFloor(samples(10), { targetErrorRate: 0.05 })).toMatchObject({
      status: 'insufficient_samples',
      minSamples: 30,
      labelledSamples: 10,
    });
    const bad = Array.from({ length: 100 }, () => ({ confidence: 0.99, error: true }));
    expect(computeConfidenceFloor(bad, { targetErrorRate: 0.05 })).toMatchObject({
      status: 'target_unreachable',
      lowestErrorRateUpperBound: 1,
    });
  });

  it('rejects malformed samples and options', () => {
    const invalid = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return GuardloopError.hasCode(error, 'invalid_input');
      }
      return false;
    };
    expect(
      invalid(() => computeConfidenceFloor([{ confidence: 2 }], { targetErrorRate: 0.1 })),
    ).toBe(true);
    expect(invalid(() => computeConfidenceFloor(null as never, { targetErrorRate: 0.1 }))).toBe(
      true,
    );
    expect(invalid(() => computeConfidenceFloor([], { targetErrorRate: 0 }))).toBe(true);
    expect(invalid(() => computeConfidenceFloor([], { targetErrorRate: 0.1, minSamples: 0 }))).toBe(
      true,
    );
    expect(
      invalid(() => computeConfidenceFloor([], { targetErrorRate: 0.1, method: 'x' } as never)),
    ).toBe(true);
  });
});
