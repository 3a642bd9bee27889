import { type Clock, parseInput } from '@guardloop/core';
import {
  abortSignalSchema,
  clockSchema,
  describeThrown,
  throwIfAborted,
  toStorableString,
} from '@guardloop/core/internal';
import { z } from 'zod';
import { LearningLeaseLostError } from '../errors/learning-lease-lost-error';
import { type Cadence, cadenceSchema, type LearningPeriod, periodOf } from './cadence';
import {
  type LearningJobReport,
  type LearningJobReportInput,
  learningJobReportSchema,
} from './learning-job-report';
import { type LearningRun, learningKeySchema } from './learning-run';
import type { LearningScheduleStore } from './learning-schedule-store';

/** What a job gets for one run. */
export interface LearningJobContext {
  job: string;
  period: LearningPeriod;
  /** When the run was claimed (the tick's `now`). */
  now: number;
  /**
   * 1 for the first claim of this period, higher after an expired lease was taken over. It is
   * the run's fencing token: a job that writes elsewhere should carry it, so that a store there
   * can refuse writes from an older attempt.
   */
  attempt: number;
  /**
   * Aborted when the tick is aborted, or with a `LearningLeaseLostError` when the lease on this
   * run could not be renewed (another claimant may be running the period now): stop then.
   * Always set by the schedule; optional for callers that run a job directly.
   */
  abortSignal: AbortSignal | undefined;
}

/**
 * A host-given learning job: floor calibration, artifact proposals, routing review, problem
 * detection, playbook re-ranking... It applies what may change automatically, sends what is
 * consequential for approval itself (e.g. the artifact registry's approval flow) and returns
 * the report of both.
 */
export interface LearningJob {
  name: string;
  cadence: Cadence;
  run(context: LearningJobContext): LearningJobReportInput | Promise<LearningJobReportInput>;
}

export interface LearningScheduleOptions {
  jobs: readonly LearningJob[];
  store: LearningScheduleStore;
  clock: Clock;
  /** This process's name on its claims. Default: a random UUID. */
  ownerId?: string;
  /**
   * How long a claim is held before another process may take it over. Default 15 minutes. While
   * a job runs, its lease is renewed every `leaseMs / 3`, so a long job keeps its period.
   */
  leaseMs?: number;
}

/** One job's outcome in one tick. */
export type LearningTickResult =
  /** This tick ran it: `run` is the finished record (or the claimed one when the lease was lost). */
  | { job: string; period: LearningPeriod; outcome: 'ran'; run: LearningRun }
  /** Already finished in this period, or running elsewhere under a live lease. */
  | { job: string; period: LearningPeriod; outcome: 'skipped'; run: LearningRun }
  /**
   * It ran, but its lease was lost (another claimant took the period over, or a renewal failed
   * and the job was aborted) before it finished; not recorded.
   */
  | { job: string; period: LearningPeriod; outcome: 'lease_lost'; run: LearningRun };

export interface LearningSchedule {
  /** Runs every job whose current period has not run yet, once. Jobs run one after another. */
  tick(options?: { now?: number; abortSignal?: AbortSignal }): Promise<LearningTickResult[]>;
  /** Ticks now and then every `intervalMs` on the clock until `stop()`; ticks never overlap. */
  start(options: { intervalMs: number; onError?: (error: unknown) => void }): void;
  /** Stops ticking; resolves when a tick under way has finished. */
  stop(): Promise<void>;
}

const jobSchema = z.object({
  name: learningKeySchema,
  cadence: cadenceSchema,
  run: z.custom<LearningJob['run']>((value) => typeof value === 'function', 'Expected a function'),
});

const optionsSchema = z.object({
  jobs: z
    .array(jobSchema)
    .min(1)
    .max(100)
    .refine(
      (jobs) => new Set(jobs.map((job) => job.name)).size === jobs.length,
      'Job names must be unique',
    ),
  store: z.custom<LearningScheduleStore>(
    (value) =>
      typeof (value as LearningScheduleStore | null)?.claimRun === 'function' &&
      typeof (value as LearningScheduleStore).renewRun === 'function' &&
      typeof (value as LearningScheduleStore).completeRun === 'function',
    'Expected a LearningScheduleStore',
  ),
  clock: clockSchema,
  ownerId: learningKeySchema.optional(),
  leaseMs: z
    .int()
    .min(1000)
    .max(2 ** 31 - 1)
    .optional(),
});

const tickSchema = z
  .strictObject({
    now: z.int().nonnegative().optional(),
    abortSignal: abortSignalSchema.optional(),
  })
  .optional();

const startSchema = z.strictObject({
  intervalMs: z
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function').optional(),
});

const message = (error: unknown) => toStorableString(describeThrown(error), 8000);

/**
 * Runs learning jobs on their cadences, exactly once per period across every process sharing
 * the store: a tick claims (job, period) with a lease, runs the job, validates its report and
 * records the run. A finished run (succeeded or failed) is never run again; a run whose
 * process died is taken over once its lease expires. Time comes from `clock` only, so tests
 * tick through weeks without sleeping.
 */
export function createLearningSchedule(options: LearningScheduleOptions): LearningSchedule {
  const parsed = parseInput(optionsSchema, options, 'learning schedule options');
  const { store, clock } = parsed;
  const jobs = options.jobs.map((job) => ({ ...job }));
  const ownerId = parsed.ownerId ?? `learning-${globalThis.crypto.randomUUID()}`;
  const leaseMs = parsed.leaseMs ?? 15 * 60_000;
  const heartbeatMs = Math.floor(leaseMs / 3);

  async function runOne(job: LearningJob, now: number, abortSignal: AbortSignal | undefined) {
    const period = periodOf(job.cadence, now);
    const claim = await store.claimRun(
      {
        job: job.name,
        periodKey: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        claimant: ownerId,
        now,
        leaseMs,
      },
      abortSignal ? { abortSignal } : {},
    );
    if (!claim.claimed)
      return { job: job.name, period, outcome: 'skipped' as const, run: claim.run };
    const { attempt } = claim.run;
    const heartbeat = startHeartbeat(job.name, period.key, attempt, abortSignal);
    let report: LearningJobReport | undefined;
    let error: string | undefined;
    try {
      try {
        const returned = await job.run({
          job: job.name,
          period,
          now,
          attempt,
          abortSignal: heartbeat.signal,
        });
        const result = learningJobReportSchema.safeParse(returned);
        if (result.success) report = result.data;
        else error = toStorableString(`Invalid job report: ${z.prettifyError(result.error)}`, 8000);
      } catch (thrown) {
        // Cancelled (shutdown): not a failure of the job. The claim is left to expire, so this
        // period is taken over and run later instead of being recorded as failed.
        if (abortSignal?.aborted) throw abortSignal.reason;
        error = message(thrown);
      }
    } finally {
      heartbeat.stop();
    }
    // Lease lost: the job was told to stop and another claimant may run the period, so what it
    // did is not recorded; the claim expires (or is already taken over).
    if (heartbeat.lost())
      return { job: job.name, period, outcome: 'lease_lost' as const, run: claim.run };
    const finished = await store.completeRun(
      {
        job: job.name,
        periodKey: period.key,
        claimant: ownerId,
        now: Math.max(clock.now(), now),
        status: error === undefined ? 'succeeded' : 'failed',
        ...(report ? { report } : {}),
        ...(error !== undefined ? { error } : {}),
      },
      // Recorded even when the tick was aborted meanwhile: the job has already run.
    );
    return finished
      ? { job: job.name, period, outcome: 'ran' as const, run: finished }
      : { job: job.name, period, outcome: 'lease_lost' as const, run: claim.run };
  }

  /**
   * Renews the lease every `leaseMs / 3` on the clock while a job runs, one renewal at a time.
   * The job's signal combines the tick's with lease loss: a refused or failed renewal aborts it
   * with a `LearningLeaseLostError`, since another process may take the period over.
   */
  function startHeartbeat(
    jobName: string,
    periodKey: string,
    attempt: number,
    abortSignal: AbortSignal | undefined,
  ) {
    const lease = new AbortController();
    const signal = abortSignal ? AbortSignal.any([abortSignal, lease.signal]) : lease.signal;
    let stopped = false;
    let cancelTimer: (() => void) | undefined;
    const lose = (reason: 'taken_over' | 'renewal_failed', cause?: unknown) => {
      stopped = true;
      lease.abort(new LearningLeaseLostError({ job: jobName, periodKey, attempt, reason, cause }));
    };
    const beat = () => {
      cancelTimer = undefined;
      if (stopped) return;
      store
        .renewRun(
          { job: jobName, periodKey, claimant: ownerId, attempt, now: clock.now(), leaseMs },
          abortSignal ? { abortSignal } : {},
        )
        .then(
          (renewed) => {
            if (stopped) return;
            if (renewed) schedule();
            else lose('taken_over');
          },
          (thrown: unknown) => {
            // A tick aborted meanwhile is not a lost lease: the job sees the tick's reason.
            if (stopped || abortSignal?.aborted) return;
            lose('renewal_failed', thrown);
          },
        );
    };
    const schedule = () => {
      cancelTimer = clock.setTimer(heartbeatMs, beat);
    };
    schedule();
    return {
      signal,
      lost: () => lease.signal.aborted,
      stop() {
        stopped = true;
        cancelTimer?.();
        cancelTimer = undefined;
      },
    };
  }

  async function tick(tickOptions?: { now?: number; abortSignal?: AbortSignal }) {
    const parsedTick = parseInput(tickSchema, tickOptions, 'learning schedule tick options');
    const abortSignal = parsedTick?.abortSignal;
    const now = parsedTick?.now ?? clock.now();
    const results: LearningTickResult[] = [];
    for (const job of jobs) {
      throwIfAborted(abortSignal);
      results.push(await runOne(job, now, abortSignal));
    }
    return results;
  }

  let cancelTimer: (() => void) | undefined;
  let running: Promise<unknown> | undefined;
  let started = false;

  return {
    tick,
    start(startOptions) {
      const { intervalMs, onError } = parseInput(
        startSchema,
        startOptions,
        'learning schedule start options',
      );
      if (started) return;
      started = true;
      const loop = () => {
        if (!started) return;
        running = tick()
          .catch((error: unknown) => onError?.(error))
          .finally(() => {
            running = undefined;
            if (started) cancelTimer = clock.setTimer(intervalMs, loop);
          });
      };
      loop();
    },
    async stop() {
      started = false;
      cancelTimer?.();
      cancelTimer = undefined;
      await running;
    },
  };
}
