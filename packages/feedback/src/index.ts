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
  artifactVersionSchema,
  artifactVersionStatuses,
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
export { ProblemNotFoundError } from './errors/problem-not-found-error';
export { UnknownTraceError } from './errors/unknown-trace-error';
// KPIs
export { type BacklogAging, estimatedAge } from './kpi/backlog-aging';
export {
  compareKpiReports,
  type KpiComparison,
  type KpiDelta,
  type KpiDirection,
  kpiPolarity,
} from './kpi/compare-kpi-reports';
export { createKpis, type Kpis, type KpisOptions } from './kpi/create-kpis';
export {
  type KpiMetricName,
  type KpiMetrics,
  type KpiReport,
  kpiReport,
  type Mean,
  type Rate,
} from './kpi/kpi-report';
// Learning
export {
  type CalibrateConfidenceFloorOptions,
  type CalibrationErrorKind,
  calibrateConfidenceFloor,
  calibrationErrorKinds,
  confidenceSampleOf,
} from './learning/calibrate-confidence-floor';
export {
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
export { sampleBeta } from './learning/sample-beta';
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
export { aggregateDeltas, traceContribution } from './recorder/aggregate-deltas';
export { type ApplyOutcomeOptions, applyOutcome } from './recorder/apply-outcome';
export { editDistance } from './recorder/complete-outcome';
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
export { compareOutcomeOrder, foldOutcomes } from './recorder/fold-outcomes';
export {
  defaultLoopSegment,
  type LoopSegment,
  type LoopSegmentContext,
} from './recorder/loop-segment';
// Schemas
export {
  addKpiCounters,
  emptyKpiCounters,
  type KpiCounterName,
  type KpiCounters,
  kpiCounterNames,
  kpiCountersSchema,
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
  type OutcomeInput,
  outcomeInputSchema,
  parseOutcomeInput,
} from './schemas/outcome-input';
export {
  type OutcomeType,
  originOutcomeTypes,
  outcomePayloads,
  outcomeTypes,
} from './schemas/outcome-payloads';
export {
  matchesSegment,
  type Segment,
  type SegmentFilter,
  segmentFields,
  segmentFilterSchema,
  segmentSchema,
  unknownSegmentValue,
} from './schemas/segment';
export {
  type JsonObject,
  type JsonValue,
  jsonObjectSchema,
  storableKeySchema,
  storableLimits,
} from './schemas/storable-values';
export {
  dayBounds,
  dayMs,
  dayOf,
  type TimeRange,
  type TimeRangeInput,
  timeRangeSchema,
} from './schemas/time-range';
export { type TraceState, traceStateSchema } from './schemas/trace-state';
// Statistics
export {
  normalCdf,
  twoProportionPValue,
  wilsonUpperBound,
} from './statistics/proportion-statistics';
// Store
export type {
  AggregateDelta,
  AggregateQuery,
  AggregateRow,
  ArtifactQuery,
  CommitResult,
  FeedbackStore,
  OutcomeCommit,
  OutcomeQuery,
  OutcomeReflag,
  Page,
  PageQuery,
  ProblemQuery,
  PutResult,
  StoreOptions,
  TraceQuery,
  WriteOptions,
} from './store/feedback-store';
export {
  type FeedbackStoreArgumentKind,
  type FeedbackStoreArguments,
  feedbackStoreArgumentSchemas,
  parseFeedbackStoreArgument,
} from './store/feedback-store-arguments';
export { createMemoryFeedbackStore } from './store/memory-feedback-store';
export { defaultPageLimit, maxPageLimit, pageLimit, readAllPages } from './store/page';
export {
  type CursorKey,
  decodePageCursor,
  encodePageCursor,
  type PagedListing,
  pageCursorKeys,
} from './store/page-cursor';
