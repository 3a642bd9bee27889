import { sampleBeta } from '@guardloop/core/internal';
import type { AggregateRow } from '../store/feedback-store';

/**
 * Beta posterior of one queue's success rate: a resolution on first contact never reopened, or
 * a reviewer's `approved` of an escalated AI proposal, is a success; any other resolution, and
 * an `approved_with_edits` or `rejected`, is a failure.
 */
export interface QueuePosterior {
  queue: string;
  /** Resolved on first contact and never reopened, plus escalations a reviewer approved. */
  successes: number;
  /** Resolved traces plus escalations a reviewer decided. */
  trials: number;
  alpha: number;
  beta: number;
  /** Posterior mean `alpha / (alpha + beta)`. */
  mean: number;
}

export interface BetaPrior {
  alpha: number;
  beta: number;
}

/** Posteriors of `queues` from the aggregates of one category; queues without data get the prior. */
export function queuePosteriors(
  rows: readonly AggregateRow[],
  queues: readonly string[],
  prior: BetaPrior,
): QueuePosterior[] {
  const totals = new Map<string, { successes: number; trials: number }>();
  for (const row of rows) {
    const total = totals.get(row.queue) ?? { successes: 0, trials: 0 };
    total.successes += row.counters.firstContactResolved + row.counters.humanApproved;
    total.trials += row.counters.resolved + row.counters.humanDecisions;
    totals.set(row.queue, total);
  }
  return queues.map((queue) => {
    const { successes, trials } = totals.get(queue) ?? { successes: 0, trials: 0 };
    const alpha = prior.alpha + successes;
    const beta = prior.beta + trials - successes;
    return { queue, successes, trials, alpha, beta, mean: alpha / (alpha + beta) };
  });
}

/** Thompson sampling: one posterior draw per queue, the highest wins (ties: first listed). */
export function thompsonChoice(
  posteriors: readonly QueuePosterior[],
  random: () => number,
): QueuePosterior {
  let best = posteriors[0] as QueuePosterior;
  let bestDraw = Number.NEGATIVE_INFINITY;
  for (const posterior of posteriors) {
    const draw = sampleBeta(posterior.alpha, posterior.beta, random);
    if (draw > bestDraw) {
      best = posterior;
      bestDraw = draw;
    }
  }
  return best;
}

/** Monte Carlo estimate of P(rate of `candidate` > rate of `current`). */
export function probabilityBetter(
  candidate: QueuePosterior,
  current: QueuePosterior,
  draws: number,
  random: () => number,
): number {
  let wins = 0;
  for (let draw = 0; draw < draws; draw++) {
    if (
      sampleBeta(candidate.alpha, candidate.beta, random) >
      sampleBeta(current.alpha, current.beta, random)
    ) {
      wins += 1;
    }
  }
  return wins / draws;
}
