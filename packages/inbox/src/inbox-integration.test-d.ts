import type { LoopEscalationSink } from '@guardloop/core';
import type { OutcomeRecorder } from '@guardloop/feedback';
import { describe, expectTypeOf, it } from 'vitest';
import type { Inbox, InboxFeedbackRecorder } from './index';

describe('the inbox among the other packages', () => {
  it('is a LoopEscalationSink for createLoop({ inbox })', () => {
    expectTypeOf<Inbox>().toExtend<LoopEscalationSink>();
  });

  it('takes the feedback outcome recorder as its feedback', () => {
    expectTypeOf<OutcomeRecorder>().toExtend<InboxFeedbackRecorder>();
  });
});
