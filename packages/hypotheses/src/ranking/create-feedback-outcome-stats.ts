import { type Clock, parseInput, systemClock } from '@guardloop/core';
import { clockSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { CandidateOutcomeStats, OutcomeStatsSource } from './outcome-stats';

/**
 * The part of a `FeedbackStore` (from `@guardloop/feedback`) the ranking reads, declared here so
 * that this package's types do not need the optional peer installed.
 */
export interface FeedbackAggregateSource {
  queryAggregates(
    query: { fromDay?: number; segment?: { category?: string } },
    options?: { abortSignal?: AbortSignal | undefined },
  ): Promise<readonly FeedbackAggregateRow[]>;
}

/** One day bucket of a `FeedbackStore`'s aggregates, as far as the ranking reads it. */
export interface FeedbackAggregateRow {
  queue: string;
  counters: {
    resolved: number;
    firstContactResolved: number;
    humanDecisions: number;
    humanApprovedWithEdits: number;
    humanRejected: number;
  };
  breakdowns?:
    | readonly {
        dimension: string;
        key: string;
        counters: { approved: number; approvedWithEdits: number; rejected: number };
      }[]
    | undefined;
}

export interface FeedbackOutcomeStatsOptions {
  store: FeedbackAggregateSource;
  /** Only the last N days of aggregates (default: all), so that old outcomes stop counting. */
  windowDays?: number | undefined;
  clock?: Clock | undefined;
}

const optionsSchema = z.strictObject({
  store: z.custom<FeedbackAggregateSource>(
    (value) => typeof (value as FeedbackAggregateSource | null)?.queryAggregates === 'function',
    'Expected a feedback store with queryAggregates()',
  ),
  windowDays: z.number().int().positive().optional(),
  clock: clockSchema.optional(),
});

const dayMs = 86_400_000;

/**
 * Outcome statistics from a feedback store, per intent (the aggregates' `category`):
 * - a candidate with a `route`: its queue's first-contact resolutions without reopen out of its
 *   resolutions, and its human decisions (approved with edits or rejected = overridden);
 * - a candidate with an `action` (and no route): the human reviews of that action from the
 *   per-action breakdown. Feedback does not count resolutions per action, so these candidates
 *   rank by override rate and exploration until a host supplies its own `OutcomeStatsSource`.
 */
export function createFeedbackOutcomeStats(
  options: FeedbackOutcomeStatsOptions,
): OutcomeStatsSource {
  const {
    store,
    windowDays,
    clock = systemClock,
  } = parseInput(optionsSchema, options, 'feedback outcome statistics options');
  return {
    async candidateStats(query, { abortSignal }) {
      const fromDay = windowDays
        ? Math.floor(clock.now() / dayMs) * dayMs - (windowDays - 1) * dayMs
        : undefined;
      const rows = await store.queryAggregates(
        { segment: { category: query.intent }, ...(fromDay === undefined ? {} : { fromDay }) },
        { abortSignal },
      );
      const byQueue = new Map<string, CandidateOutcomeStats>();
      const byAction = new Map<string, CandidateOutcomeStats>();
      for (const row of rows) {
        const queue = byQueue.get(row.queue) ?? emptyStats();
        queue.trials += row.counters.resolved;
        queue.successes += row.counters.firstContactResolved;
        queue.reviews += row.counters.humanDecisions;
        queue.overrides += row.counters.humanApprovedWithEdits + row.counters.humanRejected;
        byQueue.set(row.queue, queue);
        for (const breakdown of row.breakdowns ?? []) {
          if (breakdown.dimension !== 'action') continue;
          const action = byAction.get(breakdown.key) ?? emptyStats();
          const { approved, approvedWithEdits, rejected } = breakdown.counters;
          action.reviews += approved + approvedWithEdits + rejected;
          action.overrides += approvedWithEdits + rejected;
          byAction.set(breakdown.key, action);
        }
      }
      const stats: Record<string, CandidateOutcomeStats> = {};
      for (const candidate of query.candidates) {
        const found = candidate.route
          ? byQueue.get(candidate.route.queue)
          : candidate.action && byAction.get(candidate.action.name);
        if (found) stats[candidate.id] = { ...found };
      }
      return stats;
    },
  };
}

function emptyStats(): CandidateOutcomeStats {
  return { trials: 0, successes: 0, reviews: 0, overrides: 0 };
}
