import type { Clock } from '@guardloop/core';
import type { ArtifactRegistry, FeedbackStore, OutcomeRouter } from '@guardloop/feedback';
import {
  createLearningSchedule,
  type LearningScheduleStore,
  type LearningTickResult,
} from '@guardloop/hypotheses';
import {
  createArtifactProposalJob,
  createFloorCalibrationJob,
  createPlaybookReRankingJob,
  createProblemDetectionJob,
  createRoutingReviewJob,
} from '@guardloop/hypotheses/jobs';
import { helpdeskPlaybook } from './playbook';
import type { SemanticRails } from './rails/semantic-rails';

export interface LearningJournal {
  floorCalibrated(at: number, floor: number, note: string): void;
  milestone(at: number, text: string): void;
}

export interface HelpdeskLearningOptions {
  store: FeedbackStore;
  artifacts: ArtifactRegistry;
  router: OutcomeRouter;
  /** The categories the router chooses queues for: the routing review reports on them. */
  routedCategories: readonly string[];
  semantic: SemanticRails;
  /** Where the runs are claimed and recorded: once per period across every process. */
  learningStore: LearningScheduleStore;
  clock: Clock;
  /** Where the jobs report what they changed (a log, a dashboard, the demo's report). */
  journal: LearningJournal;
  /** The classifier's own abstention floor: calibration never goes below it. */
  minimumFloor: number;
  /** Highest acceptable share of autonomous decisions an agent overrides. Default 0.05. */
  targetErrorRate?: number;
}

/**
 * The help desk's learning, as ready jobs on `createLearningSchedule`: each night the confidence
 * floor is recalibrated from agents' overrides (applied: a floor is a low-risk, reversible
 * setting), outcome clusters (the same macro edit over and over) become proposed artifact versions
 * for reviewers (never applied here), and signal volume is checked for spikes; each week the
 * routing and the playbook ranking are reviewed (both re-weight themselves from outcomes on every
 * ticket, the review reports it). Every run is recorded in the learning store.
 */
export function createHelpdeskLearning(options: HelpdeskLearningOptions) {
  const { store, artifacts, semantic, journal, clock } = options;
  const daily = { every: 'day' } as const;
  const weekly = { every: 'week' } as const;
  const schedule = createLearningSchedule({
    store: options.learningStore,
    clock,
    ownerId: 'helpdesk-demo',
    jobs: [
      createFloorCalibrationJob({
        cadence: daily,
        store,
        targetErrorRate: options.targetErrorRate ?? 0.05,
        minSamples: 30,
        errorWhen: ['overridden'],
        minimumFloor: options.minimumFloor,
        // Every calibration is journalled (the report's floor chart), a move of 0.01 or more
        // as a milestone too.
        minChange: 0,
        floor: {
          get: semantic.floor,
          set: (floor) => semantic.setFloor(floor),
        },
      }),
      createArtifactProposalJob({ cadence: daily, artifacts }),
      createProblemDetectionJob({ cadence: daily, store, season: 'all', baselineDays: 7 }),
      createRoutingReviewJob({
        cadence: weekly,
        router: options.router,
        categories: options.routedCategories,
      }),
      createPlaybookReRankingJob({ cadence: weekly, playbook: helpdeskPlaybook, feedback: store }),
    ],
  });
  return {
    schedule,
    /** Runs the jobs whose period has not run yet and journals what they did. */
    async tick(): Promise<LearningTickResult[]> {
      const before = semantic.floor();
      const results = await schedule.tick();
      journalRuns(results, { before, journal, now: clock.now() });
      return results;
    },
  };
}

function journalRuns(
  results: readonly LearningTickResult[],
  { before, journal, now }: { before: number; journal: LearningJournal; now: number },
) {
  for (const { job, outcome, run } of results) {
    if (outcome !== 'ran' || !run.report) continue;
    const { changed, proposed } = run.report;
    if (job === 'floor-calibration') {
      const item = changed[0] ?? run.report.heldBack[0];
      const details = item?.details as { applied?: number; labelledSamples?: number } | undefined;
      if (details?.applied === undefined || !changed[0]) continue;
      const note = changed[0].description.replace(
        /^confidence floor [\d.]+ -> [\d.]+ \((.*)\)$/,
        '$1',
      );
      journal.floorCalibrated(now, details.applied, note);
      if (Math.abs(details.applied - before) >= 0.01)
        journal.milestone(
          now,
          `Confidence floor ${before.toFixed(2)} -> ${details.applied.toFixed(2)} (${note})`,
        );
    }
    for (const item of proposed)
      journal.milestone(
        now,
        item.kind === 'artifact' ? item.description : upperFirst(item.description),
      );
  }
}

const upperFirst = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
