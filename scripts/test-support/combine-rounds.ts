// Medians and paired ratios over rounds, for every bench that runs its candidates in rounds
// (examples/bench, packages/otel). Node builtins only.

/** One benchmark's latency, in milliseconds, as vitest's bench reports it. */
export interface Measurement {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

/** The latency statistics vitest's bench reports, in milliseconds. */
export interface Latency {
  mean: number;
  p50: number;
  p99: number;
  samplesCount: number;
}

export const toMeasurement = ({ latency }: { latency: Latency }): Measurement => ({
  meanMs: latency.mean,
  p50Ms: latency.p50,
  p99Ms: latency.p99,
  samples: latency.samplesCount,
});

const median = (values: number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
};

/**
 * One measurement from several rounds of the same group. Candidates of a group run one after
 * the other, so a burst of load from another process hits one of them; spreading them over
 * rounds and taking the median round keeps such a burst from deciding a ratio.
 */
export function combineRounds(rounds: readonly Measurement[]): Measurement {
  return {
    meanMs: rounds.reduce((sum, round) => sum + round.meanMs, 0) / rounds.length,
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    samples: rounds.reduce((sum, round) => sum + round.samples, 0),
  };
}

/** A ratio over rounds: the median round's, and the lowest and highest round's. */
export interface RoundRatio {
  median: number;
  low: number;
  high: number;
}

/**
 * `numerator / denominator` by median latency within each round, over the rounds: candidates of
 * one round ran seconds apart, so a slow drift of the load cancels out; the spread between the
 * lowest and the highest round shows how much noise is left.
 */
export function pairedRatio(
  numerators: readonly Measurement[],
  denominators: readonly Measurement[],
): RoundRatio {
  const ratios = numerators.map(
    (numerator, round) => numerator.p50Ms / (denominators[round]?.p50Ms ?? Number.NaN),
  );
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}
