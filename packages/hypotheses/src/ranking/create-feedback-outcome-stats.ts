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
        counters: {
          approved: number;
          approvedWithEdits: number;
          rejected: number;
          /** Resolutions per action and per hypothesis id (absent from older feedback versions). */
          resolved?: number;
          firstContactResolved?: number;
        };
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
 * - resolutions: those of the candidate's own hypotheses (the `hypothesis` breakdown, keyed by
 *   the hypothesis id `<entry scope>/<candidate id>` the loop records on its decision); before
 *   there are any, those of its queue (a `route`) or of its action (the `action` breakdown);
 *   a success is a first-contact resolution never reopened;
 * - human reviews: its queue's human decisions, or its action's reviews (approved with edits or
 *   rejected = overridden).
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
      const byHypothesis = new Map<string, CandidateOutcomeStats>();
      for (const row of rows) {
        const queue = byQueue.get(row.queue) ?? emptyStats();
        queue.trials += row.counters.resolved;
        queue.successes += row.counters.firstContactResolved;
        queue.reviews += row.counters.humanDecisions;
        queue.overrides += row.counters.humanApprovedWithEdits + row.counters.humanRejected;
        byQueue.set(row.queue, queue);
        for (const { dimension, key, counters } of row.breakdowns ?? []) {
          const map =
            dimension === 'action'
              ? byAction
              : dimension === 'hypothesis'
                ? byHypothesis
                : undefined;
          if (!map) continue;
          const item = map.get(key) ?? emptyStats();
          item.trials += counters.resolved ?? 0;
          item.successes += counters.firstContactResolved ?? 0;
          item.reviews += counters.approved + counters.approvedWithEdits + counters.rejected;
          item.overrides += counters.approvedWithEdits + counters.rejected;
          map.set(key, item);
        }
      }
      const stats: Record<string, CandidateOutcomeStats> = {};
      for (const candidate of query.candidates) {
        const own = emptyStats();
        // Every entry of the intent (any segment / product area) that has this candidate.
        for (const [key, item] of byHypothesis)
          if (key.startsWith(query.intent) && key.endsWith(`/${candidate.id}`)) {
            own.trials += item.trials;
            own.successes += item.successes;
          }
        const found = candidate.route
          ? byQueue.get(candidate.route.queue)
          : candidate.action && byAction.get(candidate.action.name);
        if (!found && own.trials === 0) continue;
        const reviews = found ?? emptyStats();
        stats[candidate.id] =
          own.trials > 0
            ? { ...own, reviews: reviews.reviews, overrides: reviews.overrides }
            : { ...reviews };
      }
      return stats;
    },
  };
}

function emptyStats(): CandidateOutcomeStats {
  return { trials: 0, successes: 0, reviews: 0, overrides: 0 };
}
