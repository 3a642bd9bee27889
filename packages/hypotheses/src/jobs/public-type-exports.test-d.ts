import { describe, expectTypeOf, it } from 'vitest';
import type { LearningJob, PlaybookTelemetry, PlaybookTelemetryData } from '../index';
import {
  type ArtifactProposalJobOptions,
  type ConfidenceFloorTarget,
  createArtifactProposalJob,
  createFloorCalibrationJob,
  createPlaybookReRankingJob,
  createProblemDetectionJob,
  createRoutingReviewJob,
  type FloorCalibrationJobOptions,
  type PlaybookReRankingJobOptions,
  type ProblemDetectionJobOptions,
  type RoutingReviewJobOptions,
} from './index';

describe('public types of @guardloop/hypotheses/jobs', () => {
  it('every ready job is a LearningJob built from its named options', () => {
    expectTypeOf(createFloorCalibrationJob)
      .parameter(0)
      .toEqualTypeOf<FloorCalibrationJobOptions>();
    expectTypeOf(createArtifactProposalJob)
      .parameter(0)
      .toEqualTypeOf<ArtifactProposalJobOptions>();
    expectTypeOf(createRoutingReviewJob).parameter(0).toEqualTypeOf<RoutingReviewJobOptions>();
    expectTypeOf(createProblemDetectionJob)
      .parameter(0)
      .toEqualTypeOf<ProblemDetectionJobOptions>();
    expectTypeOf(createPlaybookReRankingJob)
      .parameter(0)
      .toEqualTypeOf<PlaybookReRankingJobOptions>();
    for (const create of [
      createFloorCalibrationJob,
      createArtifactProposalJob,
      createRoutingReviewJob,
      createProblemDetectionJob,
      createPlaybookReRankingJob,
    ])
      expectTypeOf(create).returns.toEqualTypeOf<LearningJob>();
    expectTypeOf<FloorCalibrationJobOptions['floor']>().toEqualTypeOf<ConfidenceFloorTarget>();
  });

  it('names the telemetry option of the playbook step', () => {
    expectTypeOf<ReturnType<PlaybookTelemetry>>().toEqualTypeOf<
      PlaybookTelemetryData | Promise<PlaybookTelemetryData>
    >();
  });
});
