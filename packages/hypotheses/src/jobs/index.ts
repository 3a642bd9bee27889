export {
  type ArtifactProposalJobOptions,
  createArtifactProposalJob,
} from './artifact-proposal-job';
export {
  type ConfidenceFloorTarget,
  createFloorCalibrationJob,
  type FloorCalibrationJobOptions,
} from './floor-calibration-job';
export {
  createPlaybookReRankingJob,
  type PlaybookReRankingJobOptions,
} from './playbook-re-ranking-job';
export {
  createProblemDetectionJob,
  type ProblemDetectionJobOptions,
} from './problem-detection-job';
export { createRoutingReviewJob, type RoutingReviewJobOptions } from './routing-review-job';
