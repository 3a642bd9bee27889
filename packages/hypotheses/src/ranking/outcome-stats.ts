import { z } from 'zod';
import type { PlaybookCandidate } from '../playbook/playbook-schema';

/** What outcomes say about one candidate, for the kind of signal being handled. */
export interface CandidateOutcomeStats {
  /** Signals handled with this candidate whose resolution is known. */
  trials: number;
  /** Of those, resolved on first contact and never reopened. */
  successes: number;
  /** Human reviews of this candidate's proposal (approved, approved with edits, rejected). */
  reviews: number;
  /** Of those, overridden: approved with edits or rejected. */
  overrides: number;
}

export interface OutcomeStatsQuery {
  intent: string;
  segment?: string | undefined;
  productArea?: string | undefined;
  candidates: readonly PlaybookCandidate[];
}

/**
 * Where the ranking reads outcomes from, keyed by candidate id; a candidate left out has no
 * outcomes yet. `createFeedbackOutcomeStats` backs it with a feedback store; a host may back it
 * with its own counters.
 */
export interface OutcomeStatsSource {
  candidateStats(
    query: OutcomeStatsQuery,
    options: { abortSignal?: AbortSignal | undefined },
  ):
    | Promise<Readonly<Record<string, CandidateOutcomeStats>>>
    | Readonly<Record<string, CandidateOutcomeStats>>;
}

const count = z.number().int().nonnegative();

/** What a source must return: counts, with successes within trials and overrides within reviews. */
export const candidateStatsSchema = z.record(
  z.string(),
  z
    .object({ trials: count, successes: count, reviews: count, overrides: count })
    .refine((stats) => stats.successes <= stats.trials, 'successes exceed trials')
    .refine((stats) => stats.overrides <= stats.reviews, 'overrides exceed reviews'),
);

export const outcomeStatsSourceSchema = z.custom<OutcomeStatsSource>(
  (value) => typeof (value as OutcomeStatsSource | null)?.candidateStats === 'function',
  'Expected an outcome statistics source with candidateStats()',
);
