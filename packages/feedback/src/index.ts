// Artifacts
export type {
  ArtifactRegistry,
  ArtifactRegistryOptions,
  CreateArtifactInput,
  ProposalAuthor,
  ProposalRun,
  ProposeInput,
} from './artifacts/artifact-registry-types';
export {
  type Artifact,
  type ArtifactHistoryEntry,
  type ArtifactKind,
  type ArtifactReview,
  type ArtifactVersion,
  type ArtifactVersionStatus,
  artifactKinds,
  artifactSchema,
} from './artifacts/artifact-schemas';
export { createArtifactRegistry } from './artifacts/create-artifact-registry';
export {
  defaultProposalThresholds,
  type ProposalCandidate,
  type ProposalThresholds,
} from './artifacts/proposal-candidate';
export type { ReviewThreshold } from './artifacts/review-version';
// Errors
export { ArtifactNotFoundError } from './errors/artifact-not-found-error';
export { ConcurrentUpdateError } from './errors/concurrent-update-error';
export { type FeedbackErrorCode, feedbackErrorCodes } from './errors/feedback-error-codes';
export { InvalidArtifactTransitionError } from './errors/invalid-artifact-transition-error';
export { InvalidOutcomeError } from './errors/invalid-outcome-error';
export {
  type LoopEventFailure,
  LoopEventRecordingError,
} from './errors/loop-event-recording-error';
export { NoCandidateQueuesError } from './errors/no-candidate-queues-error';
export { OutcomeConflictError } from './errors/outcome-conflict-error';
export { OutcomeNotRecordedError } from './errors/outcome-not-recorded-error';
export { ProblemNotFoundError } from './errors/problem-not-found-error';
export { UnknownTraceError } from './errors/unknown-trace-error';
// KPIs
export type { BacklogAging } from './kpi/backlog-aging';
export {
  compareKpiReports,
  type KpiComparison,
  type KpiDelta,
  type KpiDirection,
} from './kpi/compare-kpi-reports';
export { createKpis, type Kpis, type KpisOptions } from './kpi/create-kpis';
export type {
  DurationDistribution,
  HumanReviewBreakdown,
  HumanReviewBreakdownEntry,
} from './kpi/human-review-kpis';
export {
  type HumanReviewBreakdowns,
  type KpiMetricName,
  type KpiMetrics,
  type KpiReport,
  kpiReport,
  type Mean,
  type Rate,
} from './kpi/kpi-report';
export type {
  TicketSlaBreakdown,
  TicketSlaBreakdownEntry,
  TicketSlaBreakdowns,
} from './kpi/ticket-sla-kpis';
// Learning
export {
  type CalibrateConfidenceFloorOptions,
  type CalibrationErrorKind,
  calibrateConfidenceFloor,
  calibrationErrorKinds,
} from './learning/calibrate-confidence-floor';
export {
  type ConfidenceFloorCounts,
  type ConfidenceFloorOptions,
  type ConfidenceFloorResult,
  type ConfidenceSample,
  computeConfidenceFloor,
} from './learning/compute-confidence-floor';
export { createOutcomeRouter } from './learning/create-outcome-router';
export { createSeededRandom } from './learning/create-seeded-random';
export type {
  OutcomeRouter,
  OutcomeRouterOptions,
  RouteRequest,
  RouteSuggestion,
} from './learning/outcome-router-types';
export type { BetaPrior, QueuePosterior } from './learning/queue-posteriors';
// Maturity
export { assessMaturity } from './maturity/assess-maturity';
export type {
  AssessMaturityOptions,
  MaturityConfiguration,
  MaturityDimension,
  MaturityGrade,
  MaturityLevel,
  MaturityReport,
} from './maturity/maturity-schemas';
// Problems
export { createProblemTracker } from './problems/create-problem-tracker';
export {
  type Problem,
  type ProblemIncident,
  type ProblemStatus,
  problemSchema,
  problemStatuses,
} from './problems/problem-schemas';
export type {
  IncidentInput,
  ProblemTracker,
  ProblemTrackerOptions,
  TrackResult,
} from './problems/problem-tracker-types';
// Recording
export {
  type BufferedRecorder,
  type BufferedRecorderOptions,
  createBufferedRecorder,
} from './recorder/create-buffered-recorder';
export {
  createLoopEventRecorder,
  type LoopEventRecorder,
  type LoopEventRecorderOptions,
} from './recorder/create-loop-event-recorder';
export {
  createOutcomeRecorder,
  type OutcomeRecorder,
  type OutcomeRecorderOptions,
  type RecordResult,
} from './recorder/create-outcome-recorder';
export {
  defaultLoopSegment,
  type LoopSegment,
  type LoopSegmentContext,
} from './recorder/loop-segment';
// Schemas
export {
  type BreakdownCounterName,
  type BreakdownCounters,
  type BreakdownDelta,
  type BreakdownDimension,
  type BreakdownRow,
  breakdownDimensions,
} from './schemas/breakdown-counters';
export { durationHistogramBoundsMs } from './schemas/duration-histogram';
export {
  type HumanDecisionKind,
  type HumanReview,
  humanDecisionKinds,
  humanReviewLimits,
  type SlaDeadline,
  slaDeadlines,
} from './schemas/human-review';
export type {
  DurationBucketCounterName,
  KpiCounterName,
  KpiCounters,
} from './schemas/kpi-counters';
export {
  type OutcomeEvent,
  type OutcomeEventOf,
  type OutcomeFlag,
  outcomeEventSchema,
  outcomeFlags,
  type StoredOutcome,
} from './schemas/outcome-event';
export {
  type HumanDecisionOutcomeInput,
  type OutcomeInput,
  outcomeInputSchema,
  type ParsedOutcomeInput,
  parseOutcomeInput,
  type SlaBreachedOutcomeInput,
  type TicketSlaOutcomeInput,
} from './schemas/outcome-input';
export { type OutcomeType, outcomeTypes } from './schemas/outcome-payloads';
export {
  type Segment,
  type SegmentFilter,
  segmentFilterSchema,
  segmentSchema,
} from './schemas/segment';
export type { JsonObject, JsonValue } from './schemas/storable-values';
export type { TicketSlaMetric, TicketSlaRecord } from './schemas/ticket-sla';
export { type TimeRange, type TimeRangeInput, timeRangeSchema } from './schemas/time-range';
export { type TraceState, traceStateSchema } from './schemas/trace-state';
// Store
export type {
  AggregateDelta,
  AggregateQuery,
  AggregateRow,
  ArtifactQuery,
  FeedbackCallOptions,
  FeedbackCommitResult,
  FeedbackPutResult,
  FeedbackStore,
  FeedbackStoreCallOptions,
  FeedbackStoreWriteOptions,
  OutcomeCommit,
  OutcomeQuery,
  OutcomeReflag,
  Page,
  PageQuery,
  ProblemQuery,
  TraceQuery,
} from './store/feedback-store';
export {
  type FeedbackStoreArguments,
  type FeedbackStoreMethod,
  parseFeedbackStoreArguments,
} from './store/feedback-store-arguments';
export { createMemoryFeedbackStore } from './store/memory-feedback-store';
export { readAllPages } from './store/page';
