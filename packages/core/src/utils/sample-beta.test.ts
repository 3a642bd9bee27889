import { describe, expect, it } from 'vitest';
import { sampleBeta } from './sample-beta';
import { createSeededRandom } from './seeded-random';

const moments = (draws: number[]) => {
  const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
  const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
  return { mean, variance };
};

describe('sampleBeta', () => {
  it.each([
    [2, 5],
    [30, 10],
    [0.5, 0.5],
    [1, 1],
  ])('matches the mean and variance of Beta(%d, %d)', (alpha, beta) => {
    const random = createSeededRandom(11);
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(alpha, beta, random));
    expect(draws.every((value) => value >= 0 && value <= 1)).toBe(true);
    const { mean, variance } = moments(draws);
    const total = alpha + beta;
    expect(mean).toBeCloseTo(alpha / total, 2);
    expect(variance).toBeCloseTo((alpha * beta) / (total * total * (total + 1)), 2);
  });

  it('is reproducible with a seeded source', () => {
    const a = createSeededRandom(3);
    const b = createSeededRandom(3);
    expect(sampleBeta(3, 4, a)).toBe(sampleBeta(3, 4, b));
  });
});
