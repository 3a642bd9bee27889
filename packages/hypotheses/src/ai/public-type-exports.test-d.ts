import type { LoopSteps } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import { createPlaybookHypotheses } from '../index';
import {
  createModelHypotheses,
  type ModelHypothesesError,
  type ModelHypothesesFailureReason,
  type ModelHypothesesOptions,
  type ModelHypothesesStep,
} from './index';

describe('public types of @guardloop/hypotheses/ai', () => {
  it('is a proposeHypotheses step and takes a playbook step as fallback', () => {
    expectTypeOf(createModelHypotheses).parameter(0).toEqualTypeOf<ModelHypothesesOptions>();
    expectTypeOf(createModelHypotheses).returns.toEqualTypeOf<ModelHypothesesStep>();
    expectTypeOf<ModelHypothesesStep>().toExtend<NonNullable<LoopSteps['proposeHypotheses']>>();
    expectTypeOf(createPlaybookHypotheses({ playbook: { entries: [] } })).toExtend<
      NonNullable<ModelHypothesesOptions['fallback']>
    >();
    expectTypeOf<ModelHypothesesError['reason']>().toEqualTypeOf<ModelHypothesesFailureReason>();
  });
});
