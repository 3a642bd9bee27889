import type { Evidence } from '@guardloop/core';
import { sampleBeta } from '@guardloop/core/internal';
import type { PlaybookCandidate } from '../playbook/playbook-schema';
import type { CandidateOutcomeStats } from './outcome-stats';

export interface BetaPrior {
  alpha: number;
  beta: number;
}

export interface RankedCandidate {
  candidate: PlaybookCandidate;
  /** Playbook order, the tie-break. */
  index: number;
  stats: CandidateOutcomeStats;
  /** This proposal's Thompson draw: P(success) × (1 − P(override)). */
  score: number;
  /** The same from the posterior means: what the hypothesis reports as its confidence. */
  confidence: number;
  evidence: Evidence[];
}

export interface RankOptions {
  random: () => number;
  /** Prior of the rate of first-contact resolution without reopen. */
  prior: BetaPrior;
  /** Prior of the override rate; the default Beta(1, 9) expects few overrides. */
  overridePrior: BetaPrior;
  /** Word used in the evidence, e.g. "tickets" or "signals". */
  noun: string;
}

const noStats: CandidateOutcomeStats = { trials: 0, successes: 0, reviews: 0, overrides: 0 };

/**
 * Thompson sampling over first-contact resolution without reopen, penalised by the override
 * rate: each proposal draws once from both posteriors, so an untried candidate still gets
 * explored while one that keeps being reopened or overridden sinks.
 */
export function rankCandidates(
  candidates: readonly PlaybookCandidate[],
  statsById: Readonly<Record<string, CandidateOutcomeStats>>,
  { random, prior, overridePrior, noun }: RankOptions,
): RankedCandidate[] {
  const ranked = candidates.map((candidate, index) => {
    const stats = Object.hasOwn(statsById, candidate.id)
      ? (statsById[candidate.id] ?? noStats)
      : noStats;
    const alpha = prior.alpha + stats.successes;
    const beta = prior.beta + stats.trials - stats.successes;
    const overrideAlpha = overridePrior.alpha + stats.overrides;
    const overrideBeta = overridePrior.beta + stats.reviews - stats.overrides;
    const score =
      sampleBeta(alpha, beta, random) * (1 - sampleBeta(overrideAlpha, overrideBeta, random));
    const confidence =
      (alpha / (alpha + beta)) * (1 - overrideAlpha / (overrideAlpha + overrideBeta));
    return { candidate, index, stats, score, confidence, evidence: outcomeEvidence(stats, noun) };
  });
  return ranked.sort((a, b) => b.score - a.score || a.index - b.index);
}

function outcomeEvidence(stats: CandidateOutcomeStats, noun: string): Evidence[] {
  const resolution: Evidence =
    stats.trials === 0
      ? {
          source: 'outcomes',
          path: 'firstContactResolution',
          value: { successes: 0, trials: 0 },
          note: `no resolved similar ${noun} yet: ranked by exploration`,
        }
      : {
          source: 'outcomes',
          path: 'firstContactResolution',
          value: { successes: stats.successes, trials: stats.trials },
          note: `resolved ${stats.successes} of ${stats.trials} similar ${noun} without reopen`,
        };
  if (stats.reviews === 0) return [resolution];
  return [
    resolution,
    {
      source: 'outcomes',
      path: 'overrideRate',
      value: { overrides: stats.overrides, reviews: stats.reviews },
      note: `overridden in ${stats.overrides} of ${stats.reviews} human reviews`,
    },
  ];
}
