import { expect, it } from 'vitest';
import * as root from './index';

// The runtime surface, so that an export added or lost shows in review.
it('exports these runtime values from the root', () => {
  expect(Object.keys(root).sort()).toEqual([
    'InvalidPlaybookError',
    'LearningLeaseLostError',
    'MalformedLearningRunError',
    'MissingTemplateFieldError',
    'UnknownPlaybookActionError',
    'UnknownPlaybookIntentError',
    'cadenceSchema',
    'changeEventSchema',
    'changeKinds',
    'correlate',
    'correlateInputSchema',
    'createFeedbackOutcomeStats',
    'createLearningSchedule',
    'createMemoryLearningScheduleStore',
    'createPlaybookHypotheses',
    'definePlaybook',
    'detectVolumeAnomalies',
    'hypothesesErrorCodes',
    'learningJobReportSchema',
    'learningReportItemSchema',
    'learningRunSchema',
    'learningRunStatuses',
    'learningScheduleStoreArgumentSchemas',
    'loadPlaybook',
    'metricSeriesSchema',
    'parseLearningScheduleStoreArguments',
    'periodOf',
    'playbookActionSchema',
    'playbookCandidateSchema',
    'playbookEntrySchema',
    'playbookReferenceSchema',
    'playbookSchema',
    'volumeAnomalyInputSchema',
  ]);
  const codes = Object.values(root.hypothesesErrorCodes);
  expect(new Set(codes).size).toBe(codes.length);
});

it('exports these runtime values from @guardloop/hypotheses/ai', async () => {
  const ai = await import('./ai/index');
  expect(Object.keys(ai).sort()).toEqual([
    'ModelHypothesesError',
    'createModelHypotheses',
    'modelHypothesesFailureReasons',
  ]);
});

it('exports these runtime values from @guardloop/hypotheses/jobs', async () => {
  const jobs = await import('./jobs/index');
  expect(Object.keys(jobs).sort()).toEqual([
    'createArtifactProposalJob',
    'createFloorCalibrationJob',
    'createPlaybookReRankingJob',
    'createProblemDetectionJob',
    'createRoutingReviewJob',
  ]);
});
