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
} from './create-playbook-hypotheses';
export {
  type HypothesesErrorCode,
  hypothesesErrorCodes,
} from './errors/hypotheses-error-codes';
export { InvalidPlaybookError } from './errors/invalid-playbook-error';
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
