import type { LearningRun } from './learning-run';
import type { LearningScheduleStore } from './learning-schedule-store';
import { parseLearningScheduleStoreArguments } from './learning-schedule-store-arguments';

// Stored runs are copies, so that a caller mutating a returned run changes nothing here.
const copy = (run: LearningRun): LearningRun => structuredClone(run);

/**
 * A `LearningScheduleStore` in memory: exactly once per period within one process (tests,
 * single-instance hosts). Use the PostgreSQL store of `@guardloop/postgres/learning` when
 * several processes run the schedule.
 */
export function createMemoryLearningScheduleStore(): LearningScheduleStore {
  const runs = new Map<string, LearningRun>();
  const keyOf = (job: string, periodKey: string) => JSON.stringify([job, periodKey]);

  return {
    async claimRun(...args) {
      const [claim] = parseLearningScheduleStoreArguments('claimRun', args);
      const key = keyOf(claim.job, claim.periodKey);
      const existing = runs.get(key);
      if (existing && (existing.status !== 'running' || existing.leaseExpiresAt > claim.now)) {
        return { claimed: false, run: copy(existing) };
      }
      const run: LearningRun = {
        job: claim.job,
        periodKey: claim.periodKey,
        periodStart: existing?.periodStart ?? claim.periodStart,
        periodEnd: existing?.periodEnd ?? claim.periodEnd,
        status: 'running',
        claimant: claim.claimant,
        attempt: (existing?.attempt ?? 0) + 1,
        startedAt: claim.now,
        leaseExpiresAt: claim.now + claim.leaseMs,
      };
      runs.set(key, run);
      return { claimed: true, run: copy(run) };
    },
    async renewRun(...args) {
      const [renewal] = parseLearningScheduleStoreArguments('renewRun', args);
      const key = keyOf(renewal.job, renewal.periodKey);
      const existing = runs.get(key);
      if (
        existing?.status !== 'running' ||
        existing.claimant !== renewal.claimant ||
        (renewal.attempt !== undefined && existing.attempt !== renewal.attempt)
      )
        return undefined;
      const run: LearningRun = {
        ...existing,
        leaseExpiresAt: Math.max(existing.leaseExpiresAt, renewal.now + renewal.leaseMs),
      };
      runs.set(key, run);
      return copy(run);
    },
    async completeRun(...args) {
      const [completion] = parseLearningScheduleStoreArguments('completeRun', args);
      const key = keyOf(completion.job, completion.periodKey);
      const existing = runs.get(key);
      if (existing?.status !== 'running' || existing.claimant !== completion.claimant)
        return undefined;
      const run: LearningRun = {
        ...existing,
        status: completion.status,
        finishedAt: completion.now,
        ...(completion.report ? { report: completion.report } : {}),
        ...(completion.error ? { error: completion.error } : {}),
      };
      runs.set(key, run);
      return copy(run);
    },
    async getRun(...args) {
      const [job, periodKey] = parseLearningScheduleStoreArguments('getRun', args);
      const run = runs.get(keyOf(job, periodKey));
      return run ? copy(run) : undefined;
    },
    async listRuns(...args) {
      const [query] = parseLearningScheduleStoreArguments('listRuns', args);
      return [...runs.values()]
        .filter(
          (run) =>
            (query.job === undefined || run.job === query.job) &&
            (query.fromPeriodStart === undefined || run.periodStart >= query.fromPeriodStart),
        )
        .sort(
          (a, b) => a.periodStart - b.periodStart || (a.job < b.job ? -1 : a.job > b.job ? 1 : 0),
        )
        .slice(0, query.limit)
        .map(copy);
    },
  };
}
