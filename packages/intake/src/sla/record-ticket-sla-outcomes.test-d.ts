import type { OutcomeRecorder } from '@guardloop/feedback';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type RecordTicketSlaOutcomesOptions,
  recordTicketSlaOutcomes,
  type TicketSlaEvaluation,
  type TicketSlaOutcomeRecord,
} from '../index';

describe('recordTicketSlaOutcomes types', () => {
  it('takes a feedback recorder and an evaluation, and names its result from the root', () => {
    expectTypeOf(recordTicketSlaOutcomes)
      .parameter(0)
      .toEqualTypeOf<RecordTicketSlaOutcomesOptions>();
    expectTypeOf(recordTicketSlaOutcomes).returns.resolves.toEqualTypeOf<
      TicketSlaOutcomeRecord[]
    >();
    expectTypeOf<OutcomeRecorder>().toExtend<RecordTicketSlaOutcomesOptions['feedback']>();
    expectTypeOf<
      RecordTicketSlaOutcomesOptions['evaluation']
    >().toEqualTypeOf<TicketSlaEvaluation>();
  });
});
