import { createLoop, createManualClock, createSequentialIdGenerator } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import {
  createLoopEventRecorder,
  createMemoryFeedbackStore,
  createOutcomeRecorder,
} from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { createPlaybookHypotheses } from './create-playbook-hypotheses';
import { at, loopInput, playbook, ticket } from './test-support/fixtures';

// The path of per-hypothesis resolution counts: the decision carries the hypothesis id, then
// resolutions and reopens follow, and the next proposal's evidence reads them back from the
// feedback aggregates.
describe('playbook hypotheses ranked from their own recorded resolutions', () => {
  it('the loop event recorder stores the decided hypothesis id on the trace', async () => {
    const store = createMemoryFeedbackStore();
    const clock = createManualClock(at);
    const events = createLoopEventRecorder({
      recorder: createOutcomeRecorder({ store, clock }),
    });
    const loop = createLoop({
      clock,
      idGenerator: createSequentialIdGenerator('loop'),
      steps: {
        classifyIntent: () => ({ label: 'password_reset', confidence: 0.9 }),
        proposeHypotheses: createPlaybookHypotheses({
          playbook,
          random: createSeededRandom(3),
          outcomes: {
            candidateStats: () => ({
              'reset-link': { trials: 40, successes: 39, reviews: 0, overrides: 0 },
            }),
          },
        }),
        act: () => ({ done: true }),
      },
      rails: [],
      onEvent: events.onEvent,
    });
    const result = await loop.handle(
      { source: 'zendesk', kind: 'ticket', payload: { accountId: 'a1', email: 'a@b.c' } },
      { actor: { id: 'agent', type: 'ai' } },
    );
    await events.flush();
    expect((await store.getTrace(result.traceId))?.hypothesisId).toBe('password_reset/reset-link');
  });

  it('says "resolved N of M similar tickets without reopen" from real aggregates', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store, clock: createManualClock(at) });
    const record = async (index: number, hypothesisId: string, reopened: boolean) => {
      const traceId = `t${index}`;
      await recorder.record({
        type: 'decision',
        traceId,
        verdict: 'allow',
        category: 'password_reset',
        proposedAction: 'send_reset_link',
        hypothesisId,
      });
      await recorder.record({ type: 'resolved', traceId, firstContact: true });
      if (reopened) await recorder.record({ type: 'reopened', traceId, reason: 'again' });
    };
    for (let index = 0; index < 47; index++)
      await record(index, 'password_reset/reset-link', index % 8 === 0);
    for (let index = 47; index < 57; index++)
      await record(index, 'password_reset/reset-macro', index % 2 === 0);
    const propose = createPlaybookHypotheses({
      playbook,
      feedback: store,
      random: createSeededRandom(4),
    });
    const hypotheses = await propose(loopInput(ticket()));
    const note = (id: string) =>
      hypotheses
        .find((item) => item.id === id)
        ?.evidence.find((item) => item.path === 'firstContactResolution')?.note;
    expect(note('password_reset/reset-link')).toBe(
      'resolved 41 of 47 similar tickets without reopen',
    );
    expect(note('password_reset/reset-macro')).toBe(
      'resolved 5 of 10 similar tickets without reopen',
    );
    expect(note('password_reset/to-identity')).toMatch(/no resolved similar tickets yet/);
  });
});
