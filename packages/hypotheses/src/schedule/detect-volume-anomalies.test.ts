import { InvalidInputError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { detectVolumeAnomalies } from './detect-volume-anomalies';

const hour = 3_600_000;
const week = 7 * 24 * hour;
// Monday 2026-11-30 09:00 UTC, and the eight Mondays at 09:00 before it.
const now = Date.parse('2026-11-30T09:00:00Z');
const mondays = (counts: (index: number) => Record<string, number>) =>
  Array.from({ length: 8 }, (_, index) => ({
    windowStart: now - (index + 1) * week,
    counts: counts(index),
  }));

describe('detectVolumeAnomalies', () => {
  it('flags a category that spikes against the same weekday and hour, with a Poisson p-value', () => {
    const baseline = [
      ...mondays((index) => ({ billing: 10 + (index % 3), login: 4 })),
      // Sunday nights are quiet: they must not lower the Monday baseline.
      ...Array.from({ length: 8 }, (_, index) => ({
        windowStart: now - (index + 1) * week - 10 * hour,
        counts: { billing: 0, login: 0 },
      })),
    ];
    const result = detectVolumeAnomalies({
      counts: { billing: 12, login: 31 },
      windowStart: now,
      baseline,
    });
    expect(result.skipped).toEqual([]);
    expect(result.candidates).toHaveLength(1);
    const [candidate] = result.candidates;
    expect(candidate).toMatchObject({
      kind: 'volume_spike',
      category: 'login',
      observed: 31,
      expected: 4,
      baselineSamples: 8,
      windowStart: now,
    });
    expect(candidate?.pValue).toBeLessThan(1e-12);
    expect(candidate?.zScore).toBeCloseTo(13.5, 5);
    expect(candidate?.description).toContain('same weekday and hour');
  });

  it('computes the Poisson tail exactly on a known value', () => {
    // P(X >= 10 | lambda = 2) = 4.6498e-5.
    const result = detectVolumeAnomalies({
      counts: { a: 10 },
      windowStart: now,
      baseline: mondays(() => ({ a: 2 })),
      alpha: 0.01,
    });
    expect(result.candidates[0]?.pValue).toBeCloseTo(4.6498e-5, 8);
  });

  it('keeps a busy Monday against busy Mondays, small counts and weak ratios quiet', () => {
    const baseline = mondays(() => ({ billing: 100, rare: 0 }));
    const result = detectVolumeAnomalies({
      counts: { billing: 140, rare: 3 },
      windowStart: now,
      baseline,
    });
    // 140 vs 100 is p < 0.001 but only 1.4x; 3 vs 0 is below minCount.
    expect(result.candidates).toEqual([]);
    const all = detectVolumeAnomalies({
      counts: { billing: 140 },
      windowStart: now,
      baseline,
      minRatio: 1.2,
    });
    expect(all.candidates.map((candidate) => candidate.category)).toEqual(['billing']);
  });

  it('handles huge counts and a usually silent category', () => {
    const result = detectVolumeAnomalies({
      counts: { flood: 5_000_000, fresh: 9 },
      windowStart: now,
      baseline: mondays(() => ({ flood: 1_000_000 })),
    });
    expect(result.candidates.map((candidate) => [candidate.category, candidate.expected])).toEqual([
      ['flood', 1_000_000],
      ['fresh', 0.5],
    ]);
    expect(result.candidates[0]?.pValue).toBe(0);
  });

  it('skips categories with too little comparable history, ignoring future windows', () => {
    const result = detectVolumeAnomalies({
      counts: { billing: 50 },
      windowStart: now,
      baseline: [
        { windowStart: now - week, counts: { billing: 1 } },
        { windowStart: now + week, counts: { billing: 1 } },
      ],
    });
    expect(result).toEqual({
      candidates: [],
      skipped: [{ category: 'billing', reason: 'insufficient_baseline', baselineSamples: 1 }],
    });
    const hourly = detectVolumeAnomalies({
      counts: { billing: 50 },
      windowStart: now,
      season: 'hour',
      baseline: [1, 2, 3].map((days) => ({
        windowStart: now - days * 24 * hour,
        counts: { billing: 1 },
      })),
    });
    expect(hourly.candidates).toHaveLength(1);
  });

  it('is deterministic and rejects malformed input with invalid_input', () => {
    const input = {
      counts: { b: 40, a: 40 },
      windowStart: now,
      baseline: mondays(() => ({ a: 3, b: 3 })),
    };
    expect(detectVolumeAnomalies(input)).toEqual(detectVolumeAnomalies(input));
    expect(detectVolumeAnomalies(input).candidates.map((c) => c.category)).toEqual(['a', 'b']);
    for (const bad of [
      { ...input, counts: { a: -1 } },
      { ...input, counts: { a: 1.5 } },
      { ...input, windowStart: Number.NaN },
      { ...input, alpha: 0 },
      { ...input, baseline: 'x' },
      null,
    ]) {
      expect(() => detectVolumeAnomalies(bad as never)).toThrow(InvalidInputError);
    }
  });
});
