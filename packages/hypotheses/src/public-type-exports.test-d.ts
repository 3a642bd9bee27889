import type { LoopSteps } from '@guardloop/core';
import type { FeedbackStore } from '@guardloop/feedback';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CandidateOutcomeStats,
  type CorrelateInput,
  type CorrelationResult,
  correlate,
  createFeedbackOutcomeStats,
  createPlaybookHypotheses,
  definePlaybook,
  type FeedbackAggregateSource,
  type FeedbackOutcomeStatsOptions,
  loadPlaybook,
  type OutcomeStatsQuery,
  type OutcomeStatsSource,
  type Playbook,
  type PlaybookHypothesesOptions,
  type PlaybookHypothesesStep,
  type PlaybookInput,
  type PlaybookOptions,
} from './index';

describe('public types', () => {
  it('exports every type of the public signatures from the root', () => {
    expectTypeOf(definePlaybook).parameters.toEqualTypeOf<
      [PlaybookInput, (PlaybookOptions | undefined)?]
    >();
    expectTypeOf(loadPlaybook).returns.toEqualTypeOf<Playbook>();
    expectTypeOf(createPlaybookHypotheses).parameter(0).toEqualTypeOf<PlaybookHypothesesOptions>();
    expectTypeOf(createPlaybookHypotheses).returns.toEqualTypeOf<PlaybookHypothesesStep>();
    expectTypeOf(correlate).parameter(0).toEqualTypeOf<CorrelateInput>();
    expectTypeOf(correlate).returns.toEqualTypeOf<CorrelationResult>();
    expectTypeOf(createFeedbackOutcomeStats)
      .parameter(0)
      .toEqualTypeOf<FeedbackOutcomeStatsOptions>();
    expectTypeOf<
      Parameters<OutcomeStatsSource['candidateStats']>[0]
    >().toEqualTypeOf<OutcomeStatsQuery>();
    expectTypeOf<CandidateOutcomeStats['trials']>().toEqualTypeOf<number>();
  });

  it('fits the loop and the feedback store it is used with', () => {
    expectTypeOf<PlaybookHypothesesStep>().toExtend<LoopSteps['proposeHypotheses']>();
    // Declared structurally so that the optional peer is not needed for the types.
    expectTypeOf<FeedbackStore>().toExtend<FeedbackAggregateSource>();
  });
});
