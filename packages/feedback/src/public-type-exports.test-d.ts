import { describe, expectTypeOf, it } from 'vitest';
import type * as feedback from './index';
import type {
  AggregateQuery,
  AggregateRow,
  Artifact,
  ArtifactQuery,
  ArtifactRegistry,
  ArtifactRegistryOptions,
  AssessMaturityOptions,
  BufferedRecorder,
  BufferedRecorderOptions,
  CalibrateConfidenceFloorOptions,
  ConfidenceFloorOptions,
  ConfidenceFloorResult,
  ConfidenceSample,
  FeedbackCallOptions,
  FeedbackCommitResult,
  FeedbackPutResult,
  FeedbackStore,
  FeedbackStoreArguments,
  FeedbackStoreCallOptions,
  FeedbackStoreMethod,
  FeedbackStoreWriteOptions,
  KpiComparison,
  KpiReport,
  Kpis,
  KpisOptions,
  LoopEventRecorder,
  LoopEventRecorderOptions,
  MaturityConfiguration,
  MaturityDimension,
  MaturityGrade,
  MaturityLevel,
  MaturityReport,
  OutcomeCommit,
  OutcomeInput,
  OutcomeQuery,
  OutcomeRecorder,
  OutcomeRecorderOptions,
  OutcomeRouter,
  OutcomeRouterOptions,
  Page,
  ParsedOutcomeInput,
  Problem,
  ProblemQuery,
  ProblemTracker,
  ProblemTrackerOptions,
  QueuePosterior,
  RecordResult,
  RouteRequest,
  RouteSuggestion,
  SegmentFilter,
  StoredOutcome,
  TimeRangeInput,
  TraceQuery,
  TraceState,
  TrackResult,
} from './index';

type Root = typeof feedback;

// Every type in a public signature can be named from the root (no deep or internal import).
describe('public type exports', () => {
  it('names the options and results of the recorders', () => {
    expectTypeOf<Root['createOutcomeRecorder']>()
      .parameter(0)
      .toEqualTypeOf<OutcomeRecorderOptions>();
    expectTypeOf<Root['createOutcomeRecorder']>().returns.toEqualTypeOf<OutcomeRecorder>();
    expectTypeOf<OutcomeRecorder['record']>().parameter(0).toEqualTypeOf<OutcomeInput>();
    expectTypeOf<OutcomeRecorder['record']>()
      .parameter(1)
      .toEqualTypeOf<FeedbackCallOptions | undefined>();
    expectTypeOf<OutcomeRecorder['record']>().returns.resolves.toEqualTypeOf<RecordResult>();
    expectTypeOf<Root['createBufferedRecorder']>()
      .parameter(0)
      .toEqualTypeOf<BufferedRecorderOptions>();
    expectTypeOf<Root['createBufferedRecorder']>().returns.toEqualTypeOf<BufferedRecorder>();
    expectTypeOf<BufferedRecorder['record']>().returns.resolves.toEqualTypeOf<RecordResult>();
    expectTypeOf<Root['createLoopEventRecorder']>()
      .parameter(0)
      .toEqualTypeOf<LoopEventRecorderOptions>();
    expectTypeOf<Root['createLoopEventRecorder']>().returns.toEqualTypeOf<LoopEventRecorder>();
    expectTypeOf<Root['parseOutcomeInput']>().returns.toEqualTypeOf<ParsedOutcomeInput>();
  });

  it('names what the KPIs take and give', () => {
    expectTypeOf<Root['createKpis']>().parameter(0).toEqualTypeOf<KpisOptions>();
    expectTypeOf<Root['createKpis']>().returns.toEqualTypeOf<Kpis>();
    expectTypeOf<Kpis['queryKpis']>().parameter(0).toEqualTypeOf<TimeRangeInput>();
    expectTypeOf<Kpis['queryKpis']>().parameter(1).toEqualTypeOf<SegmentFilter | undefined>();
    expectTypeOf<Kpis['queryKpis']>().parameter(2).toEqualTypeOf<FeedbackCallOptions | undefined>();
    expectTypeOf<Kpis['queryKpis']>().returns.resolves.toEqualTypeOf<KpiReport>();
    expectTypeOf<Kpis['compareKpis']>().returns.resolves.toEqualTypeOf<KpiComparison>();
    expectTypeOf<Root['compareKpiReports']>().parameters.toEqualTypeOf<[KpiReport, KpiReport]>();
    expectTypeOf<Root['kpiReport']>().parameter(0).toEqualTypeOf<readonly AggregateRow[]>();
  });

  it('names what the learning helpers take and give', () => {
    expectTypeOf<Root['createOutcomeRouter']>().parameter(0).toEqualTypeOf<OutcomeRouterOptions>();
    expectTypeOf<Root['createOutcomeRouter']>().returns.toEqualTypeOf<OutcomeRouter>();
    expectTypeOf<OutcomeRouter['suggest']>().parameter(0).toEqualTypeOf<RouteRequest>();
    expectTypeOf<OutcomeRouter['suggest']>().returns.resolves.toEqualTypeOf<RouteSuggestion>();
    expectTypeOf<OutcomeRouter['posteriors']>().returns.resolves.toEqualTypeOf<QueuePosterior[]>();
    expectTypeOf<Root['calibrateConfidenceFloor']>()
      .parameter(0)
      .toEqualTypeOf<CalibrateConfidenceFloorOptions>();
    expectTypeOf<
      Root['calibrateConfidenceFloor']
    >().returns.resolves.toEqualTypeOf<ConfidenceFloorResult>();
    expectTypeOf<Root['computeConfidenceFloor']>().parameters.toEqualTypeOf<
      [readonly ConfidenceSample[], ConfidenceFloorOptions]
    >();
  });

  it('names the registry and the problem tracker', () => {
    expectTypeOf<Root['createArtifactRegistry']>()
      .parameter(0)
      .toEqualTypeOf<ArtifactRegistryOptions>();
    expectTypeOf<Root['createArtifactRegistry']>().returns.toEqualTypeOf<ArtifactRegistry>();
    expectTypeOf<Root['createProblemTracker']>()
      .parameter(0)
      .toEqualTypeOf<ProblemTrackerOptions>();
    expectTypeOf<Root['createProblemTracker']>().returns.toEqualTypeOf<ProblemTracker>();
    expectTypeOf<ProblemTracker['track']>().returns.resolves.toEqualTypeOf<TrackResult>();
  });

  it('names every argument and result of the store contract', () => {
    expectTypeOf<Root['createMemoryFeedbackStore']>().returns.toEqualTypeOf<FeedbackStore>();
    expectTypeOf<FeedbackStore['commitOutcome']>().parameter(0).toEqualTypeOf<OutcomeCommit>();
    expectTypeOf<FeedbackStore['commitOutcome']>()
      .parameter(1)
      .toEqualTypeOf<FeedbackStoreCallOptions | undefined>();
    expectTypeOf<
      FeedbackStore['commitOutcome']
    >().returns.resolves.toEqualTypeOf<FeedbackCommitResult>();
    expectTypeOf<FeedbackStore['getOutcome']>().returns.resolves.toEqualTypeOf<
      StoredOutcome | undefined
    >();
    expectTypeOf<FeedbackStore['listOutcomes']>().parameter(0).toEqualTypeOf<OutcomeQuery>();
    expectTypeOf<FeedbackStore['listOutcomes']>().returns.resolves.toEqualTypeOf<
      Page<StoredOutcome>
    >();
    expectTypeOf<FeedbackStore['getTrace']>().returns.resolves.toEqualTypeOf<
      TraceState | undefined
    >();
    expectTypeOf<FeedbackStore['listTraces']>().parameter(0).toEqualTypeOf<TraceQuery>();
    expectTypeOf<FeedbackStore['queryAggregates']>().parameter(0).toEqualTypeOf<AggregateQuery>();
    expectTypeOf<FeedbackStore['putArtifact']>().parameters.toEqualTypeOf<
      [Artifact, FeedbackStoreWriteOptions]
    >();
    expectTypeOf<FeedbackStore['putArtifact']>().returns.resolves.toEqualTypeOf<
      FeedbackPutResult<Artifact>
    >();
    expectTypeOf<FeedbackStore['listArtifacts']>().parameter(0).toEqualTypeOf<ArtifactQuery>();
    expectTypeOf<FeedbackStore['putProblem']>().returns.resolves.toEqualTypeOf<
      FeedbackPutResult<Problem>
    >();
    expectTypeOf<FeedbackStore['listProblems']>().parameter(0).toEqualTypeOf<ProblemQuery>();
  });

  it('names the validated arguments of every store method', () => {
    expectTypeOf<Root['parseFeedbackStoreArguments']>()
      .parameter(0)
      .toEqualTypeOf<FeedbackStoreMethod>();
    expectTypeOf<FeedbackStoreArguments['getOutcome'][0]>().toEqualTypeOf<string>();
    expectTypeOf<
      FeedbackStoreArguments['putArtifact'][1]
    >().toEqualTypeOf<FeedbackStoreWriteOptions>();
  });

  it('names every type of the maturity report', () => {
    expectTypeOf<Root['assessMaturity']>().parameter(0).toEqualTypeOf<AssessMaturityOptions>();
    expectTypeOf<Root['assessMaturity']>().returns.resolves.toEqualTypeOf<MaturityReport>();
    expectTypeOf<MaturityReport['grades'][number]>().toEqualTypeOf<MaturityGrade>();
    expectTypeOf<MaturityGrade['dimension']>().toEqualTypeOf<MaturityDimension>();
    expectTypeOf<MaturityGrade['level']>().toEqualTypeOf<MaturityLevel>();
    expectTypeOf<AssessMaturityOptions['configuration']>().toEqualTypeOf<MaturityConfiguration>();
  });

  it('names every type of the ticket SLA KPIs and outcome', () => {
    expectTypeOf<KpiReport['ticketSla']>().toEqualTypeOf<feedback.TicketSlaBreakdowns>();
    expectTypeOf<
      feedback.TicketSlaBreakdowns['byPolicy']
    >().toEqualTypeOf<feedback.TicketSlaBreakdown>();
    expectTypeOf<
      feedback.TicketSlaBreakdown['entries'][number]
    >().toEqualTypeOf<feedback.TicketSlaBreakdownEntry>();
    expectTypeOf<
      NonNullable<TraceState['ticketSlas']>[number]
    >().toEqualTypeOf<feedback.TicketSlaRecord>();
    expectTypeOf<
      feedback.TicketSlaOutcomeInput['metric']
    >().toEqualTypeOf<feedback.TicketSlaMetric>();
  });
});
