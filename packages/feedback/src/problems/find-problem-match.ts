import type { FeedbackStore, ProblemQuery } from '../store/feedback-store';
import type { Problem } from './problem-schemas';

export interface MatchWindows {
  fingerprintWindowMs: number;
  categoryWindowMs: number;
}

export interface ProblemMatch {
  problem?: Problem | undefined;
  by: 'fingerprint' | 'category';
}

interface Incident {
  fingerprint?: string | undefined;
  category?: string | undefined;
  at: number;
}

/**
 * The active problem an incident belongs to: first by fingerprint (same root cause, within the
 * fingerprint window), else by category and time proximity (within the category window).
 */
export async function findProblemMatch(
  store: FeedbackStore,
  incident: Incident,
  windows: MatchWindows,
  abortSignal: AbortSignal | undefined,
): Promise<ProblemMatch> {
  const newest = async (query: ProblemQuery) =>
    (
      await store.listProblems(
        { ...query, statuses: ['candidate', 'open'], limit: 1 },
        { abortSignal },
      )
    ).items[0];
  if (incident.fingerprint) {
    const problem = await newest({ fingerprint: incident.fingerprint });
    if (problem && incident.at - problem.lastSeenAt <= windows.fingerprintWindowMs) {
      return { problem, by: 'fingerprint' };
    }
  }
  if (!incident.category) return { by: 'category' };
  const lastSeenAfter = incident.at - windows.categoryWindowMs;
  return { problem: await newest({ category: incident.category, lastSeenAfter }), by: 'category' };
}

/** The latest resolved problem with this fingerprint: a new one is its recurrence. */
export async function findResolvedProblem(
  store: FeedbackStore,
  fingerprint: string | undefined,
  abortSignal: AbortSignal | undefined,
): Promise<Problem | undefined> {
  if (!fingerprint) return undefined;
  const query = { fingerprint, statuses: ['resolved'] as const, limit: 1 };
  return (await store.listProblems(query, { abortSignal })).items[0];
}
