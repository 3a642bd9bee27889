import {
  type ArtifactRegistry,
  calibrateConfidenceFloor,
  type FeedbackStore,
} from '@guardloop/feedback';
import type { SemanticRails } from './rails/semantic-rails';

export interface LearningJournal {
  floorCalibrated(at: number, floor: number, note: string): void;
  milestone(at: number, text: string): void;
}

export interface LearningJobOptions {
  store: FeedbackStore;
  artifacts: ArtifactRegistry;
  semantic: SemanticRails;
  /** Where the job reports what it changed (a log, a dashboard, the demo's report). */
  journal: LearningJournal;
  /** The classifier's own abstention floor: calibration never goes below it. */
  minimumFloor: number;
  now: () => number;
  /** Highest acceptable share of autonomous decisions an agent overrides. Default 0.05. */
  targetErrorRate?: number;
}

/**
 * The nightly learning job, from recorded outcomes only: the confidence floor is recalibrated
 * from agents' overrides, and outcome clusters (the same macro edit over and over) become
 * proposed artifact versions that two reviewers promote. Routing needs no job: the outcome
 * router reads the KPI aggregates on every suggestion.
 */
export function createLearningJob(options: LearningJobOptions) {
  const { store, artifacts, semantic, journal, minimumFloor, now } = options;
  const { targetErrorRate = 0.05 } = options;
  const seenCandidates = new Set<string>();
  return {
    async nightly() {
      const calibration = await calibrateConfidenceFloor({
        store,
        targetErrorRate,
        minSamples: 30,
        errorWhen: ['overridden'],
      });
      if (calibration.status === 'calibrated') {
        const before = semantic.floor();
        // Never below the classifier's own abstention floor.
        const floor = Math.max(calibration.floor, minimumFloor);
        semantic.setFloor(floor);
        const note = `${calibration.labelledSamples} labelled decisions, error bound ${(calibration.errorRateUpperBound * 100).toFixed(1)}% at the floor`;
        journal.floorCalibrated(now(), floor, note);
        if (Math.abs(floor - before) >= 0.01) {
          journal.milestone(
            now(),
            `Confidence floor ${before.toFixed(2)} -> ${floor.toFixed(2)} (${note})`,
          );
        }
      }
      const run = await artifacts.proposeFromOutcomes({ by: 'guardloop-learning' });
      for (const { artifactId, version, candidate } of run.proposals) {
        journal.milestone(
          now(),
          `Proposed ${artifactId} v${version.version}: ${candidate.summary}`,
        );
        await artifacts.review(artifactId, version.version, { by: 'qa-lead', score: 0.9 });
        const reviewed = await artifacts.review(artifactId, version.version, {
          by: 'support-lead',
          score: 0.85,
        });
        if (reviewed.activeVersion === version.version) {
          journal.milestone(
            now(),
            `${artifactId} v${version.version} approved by two reviewers and active`,
          );
        }
      }
      for (const candidate of run.candidates) {
        // One line per category: the cluster grows night after night, the finding stays the same.
        const key = `${candidate.kind}:${candidate.category}`;
        if (candidate.kind !== 'reopen_reasons' || seenCandidates.has(key)) continue;
        seenCandidates.add(key);
        journal.milestone(now(), `Article candidate: ${candidate.summary}`);
      }
    },
  };
}
