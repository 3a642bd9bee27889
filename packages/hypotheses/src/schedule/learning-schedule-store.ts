import type { LearningJobReport } from './learning-job-report';
import type { LearningRun } from './learning-run';

export interface LearningStoreCallOptions {
  abortSignal?: AbortSignal;
}

export interface LearningRunClaim {
  job: string;
  periodKey: string;
  periodStart: number;
  periodEnd: number;
  claimant: string;
  now: number;
  leaseMs: number;
}

export type LearningRunClaimResult =
  | { claimed: true; run: LearningRun }
  | { claimed: false; run: LearningRun };

export interface LearningRunCompletion {
  job: string;
  periodKey: string;
  claimant: string;
  now: number;
  status: 'succeeded' | 'failed';
  report?: LearningJobReport;
  error?: string;
}

export interface LearningRunRenewal {
  job: string;
  periodKey: string;
  claimant: string;
  /** The attempt the claimant holds (its fencing token); when given, another attempt is not renewed. */
  attempt?: number;
  now: number;
  /** The lease then expires at `now + leaseMs` (never earlier than it already does). */
  leaseMs: number;
}

export interface LearningRunQuery {
  job?: string;
  /** Only runs whose period starts at or after this instant. */
  fromPeriodStart?: number;
  limit: number;
}

/**
 * Where a learning schedule keeps its claims and run records: one row per (job, period).
 * Implementations must make `claimRun` a compare-and-set that concurrent processes cannot both
 * win, and validate arguments with `parseLearningScheduleStoreArguments`.
 */
export interface LearningScheduleStore {
  /**
   * Claims the period for `claimant` when it has no run yet, or takes over a `running` run whose
   * lease has expired (`attempt` + 1). Otherwise returns the existing run, unchanged.
   */
  claimRun(
    claim: LearningRunClaim,
    options?: LearningStoreCallOptions,
  ): Promise<LearningRunClaimResult>;
  /**
   * Extends the lease of a `running` run that `claimant` (and `attempt`, when given) still holds:
   * a compare-and-set, so a claimant whose run was taken over gets `undefined` and must stop.
   * The schedule calls it as a heartbeat while a job runs.
   */
  renewRun(
    renewal: LearningRunRenewal,
    options?: LearningStoreCallOptions,
  ): Promise<LearningRun | undefined>;
  /** Finishes a running run held by `claimant`; `undefined` when it is not (lease lost). */
  completeRun(
    completion: LearningRunCompletion,
    options?: LearningStoreCallOptions,
  ): Promise<LearningRun | undefined>;
  getRun(
    job: string,
    periodKey: string,
    options?: LearningStoreCallOptions,
  ): Promise<LearningRun | undefined>;
  /** Runs ordered by period start (newest last), then job name. */
  listRuns(query: LearningRunQuery, options?: LearningStoreCallOptions): Promise<LearningRun[]>;
}
