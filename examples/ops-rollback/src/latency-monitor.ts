import { parseInput, type SignalInput } from '@guardloop/core';
import { z } from 'zod';

export const latencySampleSchema = z.object({
  /** Epoch ms of the end of the minute the percentile covers. */
  at: z.number().int().nonnegative(),
  p99Ms: z.number().positive(),
  /** Share of requests that failed in that minute, in percent. */
  errorRatePct: z.number().min(0).max(100).optional(),
});

export type LatencySample = z.output<typeof latencySampleSchema>;
export type LatencySampleInput = z.input<typeof latencySampleSchema>;

export interface LatencyMonitor {
  /**
   * Stores one p99 sample of `service`; returns an alert signal when the sample crosses the
   * threshold (once per breach: the alert re-arms when latency is back under the threshold).
   * @throws InvalidInputError (`invalid_input`) for a malformed sample
   */
  record(service: string, sample: LatencySampleInput): SignalInput | undefined;
  /** Samples of `service` with `from <= at <= to`, oldest first. */
  series(service: string, from: number, to: number): LatencySample[];
}

const optionsSchema = z.object({
  thresholdMs: z.number().positive(),
  source: z.string().min(1).default('prometheus'),
});

/**
 * A toy telemetry store (p99 latency and error rate per minute) with one alerting rule: p99
 * latency above `thresholdMs`.
 */
export function createLatencyMonitor(options: {
  thresholdMs: number;
  source?: string;
}): LatencyMonitor {
  const { thresholdMs, source } = parseInput(optionsSchema, options, 'latency monitor options');
  const samples = new Map<string, LatencySample[]>();
  const firing = new Set<string>();

  return {
    record(service, rawSample) {
      parseInput(z.string().min(1), service, 'service');
      const sample = parseInput(latencySampleSchema, rawSample, 'latency sample');
      samples.set(service, [...(samples.get(service) ?? []), sample]);
      if (sample.p99Ms <= thresholdMs) {
        firing.delete(service);
        return undefined;
      }
      if (firing.has(service)) return undefined;
      firing.add(service);
      return {
        source,
        kind: 'alert',
        occurredAt: sample.at,
        payload: {
          alert: 'HighP99Latency',
          service,
          metric: 'p99_latency_ms',
          valueMs: sample.p99Ms,
          thresholdMs,
          summary: `${service} p99 latency ${sample.p99Ms} ms is above ${thresholdMs} ms`,
        },
      };
    },
    series: (service, from, to) =>
      (samples.get(service) ?? []).filter((sample) => sample.at >= from && sample.at <= to),
  };
}
