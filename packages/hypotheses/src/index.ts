export {
  type ChangeScope,
  type CorrelationExplanation,
  type CorrelationResult,
  correlate,
} from './correlate/correlate';
export {
  type ChangeEvent,
  type ChangeKind,
  type CorrelateInput,
  changeEventSchema,
  changeKinds,
  correlateInputSchema,
  type MetricSeries,
  metricSeriesSchema,
} from './correlate/correlate-schema';
export type { MeanShift } from './correlate/mean-shift';
export {
  createPlaybookHypotheses,
  type PlaybookContext,
  type PlaybookHypothesesOptions,
  type PlaybookHypothesesStep,
  type PlaybookTelemetry,
  type PlaybookTelemetryData,
} from './create-playbook-hypotheses';
export {
  type HypothesesErrorCode,
  hypothesesErrorCodes,
} from './errors/hypotheses-error-codes';
export { InvalidPlaybookError } from './errors/invalid-playbook-error';
export { LearningLeaseLostError } from './errors/learning-lease-lost-error';
export { MalformedLearningRunError } from './errors/malformed-learning-run-error';
export { MissingTemplateFieldError } from './errors/missing-template-field-error';
export { UnknownPlaybookActionError } from './errors/unknown-playbook-action-error';
export { UnknownPlaybookIntentError } from './errors/unknown-playbook-intent-error';
export { definePlaybook, loadPlaybook, type PlaybookOptions } from './playbook/define-playbook';
export {
  type Playbook,
  type PlaybookAction,
  type PlaybookCandidate,
  type PlaybookEntry,
  type PlaybookInput,
  type PlaybookReference,
  playbookActionSchema,
  playbookCandidateSchema,
  playbookEntrySchema,
  playbookReferenceSchema,
  playbookSchema,
} from './playbook/playbook-schema';
export {
  createFeedbackOutcomeStats,
  type FeedbackAggregateRow,
  type FeedbackAggregateSource,
  type FeedbackOutcomeStatsOptions,
} from './ranking/create-feedback-outcome-stats';
export type {
  CandidateOutcomeStats,
  OutcomeStatsQuery,
  OutcomeStatsSource,
} from './ranking/outcome-stats';
export type { BetaPrior } from './ranking/rank-candidates';
export {
  type Cadence,
  cadenceSchema,
  type LearningPeriod,
  periodOf,
} from './schedule/cadence';
export {
  createLearningSchedule,
  type LearningJob,
  type LearningJobContext,
  type LearningSchedule,
  type LearningScheduleOptions,
  type LearningTickResult,
} from './schedule/create-learning-schedule';
export {
  detectVolumeAnomalies,
  type VolumeAnomalyInput,
  type VolumeAnomalyResult,
  type VolumeProblemCandidate,
  volumeAnomalyInputSchema,
} from './schedule/detect-volume-anomalies';
export {
  type LearningJobReport,
  type LearningJobReportInput,
  type LearningReportItem,
  learningJobReportSchema,
  learningReportItemSchema,
} from './schedule/learning-job-report';
export {
  type LearningRun,
  type LearningRunStatus,
  learningRunSchema,
  learningRunStatuses,
} from './schedule/learning-run';
export type {
  LearningRunClaim,
  LearningRunClaimResult,
  LearningRunCompletion,
  LearningRunQuery,
  LearningRunRenewal,
  LearningScheduleStore,
  LearningStoreCallOptions,
} from './schedule/learning-schedule-store';
export {
  type LearningScheduleStoreArguments,
  learningScheduleStoreArgumentSchemas,
  parseLearningScheduleStoreArguments,
} from './schedule/learning-schedule-store-arguments';
export { createMemoryLearningScheduleStore } from './schedule/memory-learning-schedule-store';
