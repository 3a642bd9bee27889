import { expect, test } from 'vitest';
import {
  combineRounds,
  pairedRatio,
  toMeasurement,
} from '../../../scripts/test-support/combine-rounds';

const round = (p50Ms: number, meanMs = p50Ms) => ({ meanMs, p50Ms, p99Ms: p50Ms * 4, samples: 10 });

test('takes the median round, so one disturbed round does not move the result', () => {
  const combined = combineRounds([round(1), round(9), round(1.2)]);
  expect(combined.p50Ms).toBe(1.2);
  expect(combined.p99Ms).toBe(4.8);
  expect(combined.samples).toBe(30);
  expect(combined.meanMs).toBeCloseTo(11.2 / 3);
});

test('averages the two middle rounds of an even count', () => {
  expect(combineRounds([round(1), round(2), round(3), round(10)]).p50Ms).toBe(2.5);
});

test('reads the latency statistics of a bench result', () => {
  const latency = { mean: 0.3, p50: 0.25, p99: 1.5, samplesCount: 42 };
  expect(toMeasurement({ latency })).toEqual({ meanMs: 0.3, p50Ms: 0.25, p99Ms: 1.5, samples: 42 });
});

test('pairs ratios within rounds, so a round where everything was slow still counts', () => {
  const without = [round(1), round(4), round(1)];
  const withRails = [round(1.5), round(6), round(1.6)];
  expect(pairedRatio(withRails, without)).toEqual({ median: 1.5, low: 1.5, high: 1.6 });
});
