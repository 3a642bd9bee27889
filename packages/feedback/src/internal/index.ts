// Plumbing for the packages that implement feedback's contracts (@guardloop/postgres): stable
// enough for them, not the public API. Everything here may change in a minor release; hosts
// import from the root.

export { artifactVersionSchema, artifactVersionStatuses } from '../artifacts/artifact-schemas';
export { estimatedAge } from '../kpi/backlog-aging';
export { kpiPolarity } from '../kpi/compare-kpi-reports';
export { confidenceSampleOf } from '../learning/calibrate-confidence-floor';
export { aggregateDeltas, traceContribution } from '../recorder/aggregate-deltas';
export { type ApplyOutcomeOptions, applyOutcome } from '../recorder/apply-outcome';
export { editDistance } from '../recorder/complete-outcome';
export { compareOutcomeOrder, foldOutcomes } from '../recorder/fold-outcomes';
export { breakdownCounterNames } from '../schemas/breakdown-counters';
export {
  acknowledgeMsBucketNames,
  addKpiCounters,
  decideMsBucketNames,
  emptyKpiCounters,
  kpiCounterNames,
  kpiCountersSchema,
  ticketSlaFirstResponseMsBucketNames,
  ticketSlaResolutionMsBucketNames,
} from '../schemas/kpi-counters';
export { originOutcomeTypes, outcomePayloads } from '../schemas/outcome-payloads';
export { matchesSegment, segmentFields, unknownSegmentValue } from '../schemas/segment';
export { jsonObjectSchema, storableKeySchema, storableLimits } from '../schemas/storable-values';
export { ticketSlaLimits, ticketSlaMetrics } from '../schemas/ticket-sla';
export { dayBounds, dayMs, dayOf } from '../schemas/time-range';
export {
  normalCdf,
  twoProportionPValue,
  wilsonUpperBound,
} from '../statistics/proportion-statistics';
export { maxBatchCommits } from '../store/feedback-store';
export { feedbackStoreArgumentSchemas } from '../store/feedback-store-arguments';
export { defaultPageLimit, maxPageLimit, pageLimit } from '../store/page';
export {
  type CursorKey,
  decodePageCursor,
  encodePageCursor,
  type PagedListing,
  pageCursorKeys,
} from '../store/page-cursor';
