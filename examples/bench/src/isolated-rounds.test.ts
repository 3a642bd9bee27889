// The process-isolation harness lives in scripts/test-support (the loop bench and the
// observability bench both use it); it is tested here, with its first user.
import { expect, test } from 'vitest';
import type { ChildReading } from '../../../scripts/test-support/isolated-child';
import {
  formatRatio,
  medianReading,
  pairIsolatedRounds,
} from '../../../scripts/test-support/isolated-rounds';

const reading = (candidate: string, wallUs: number, cpuUs = wallUs): ChildReading => ({
  candidate,
  signals: 100,
  wallUs,
  cpuUs,
});
const round = (withUs: number, withoutUs: number, withCpuUs = withUs) => ({
  with: reading('with', withUs, withCpuUs),
  without: reading('without', withoutUs),
});

test('pairs the candidates within each round, so a slow round still gives its ratio', () => {
  const rounds = [round(200, 100), round(800, 400), round(330, 100), round(150, 100)];
  const { wall } = pairIsolatedRounds(rounds, 'with', 'without');
  expect(wall.median).toBeCloseTo(2);
  expect(wall.low).toBeCloseTo(1.5);
  expect(wall.high).toBeCloseTo(3.3);
});

test('pairs CPU times apart from wall times', () => {
  const rounds = [round(200, 100, 120), round(200, 100, 130), round(200, 100, 140)];
  const { wall, cpu } = pairIsolatedRounds(rounds, 'with', 'without');
  expect(wall.median).toBeCloseTo(2);
  expect(cpu.median).toBeCloseTo(1.3);
  expect(cpu.low).toBeCloseTo(1.2);
  expect(cpu.high).toBeCloseTo(1.4);
});

test('takes the median reading of a candidate over the rounds', () => {
  const rounds = [round(200, 100), round(900, 100), round(300, 100)];
  expect(medianReading(rounds, 'with').wallUs).toBeCloseTo(300);
  expect(medianReading(rounds, 'with').cpuUs).toBeCloseTo(300);
});

test('rejects a round that lacks a candidate', () => {
  expect(() => pairIsolatedRounds([{ with: reading('with', 1) }], 'with', 'without')).toThrow(
    /no reading for without/,
  );
});

test('formats a ratio with its spread', () => {
  expect(formatRatio({ median: 1.234, low: 1.1, high: 1.4 })).toBe('1.23x [1.10x–1.40x]');
});
