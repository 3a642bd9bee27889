import {
  createLoop,
  createManualClock,
  createSequentialIdGenerator,
  escalate,
  GuardloopError,
  type LoopEvent,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { LoopEventFailure } from '../errors/loop-event-recording-error';
import { createMemoryFeedbackStore } from '../store/memory-feedback-store';
import { createLoopEventRecorder } from './create-loop-event-recorder';
import { createOutcomeRecorder } from './create-outcome-recorder';

function setup() {
  const store = createMemoryFeedbackStore();
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9));
  const recorder = createOutcomeRecorder({ store, clock });
  const loopRecorder = createLoopEventRecorder({ recorder });
  const loop = (rails = [] as Parameters<typeof createLoop>[0]['rails']) =>
    createLoop({
      clock,
      idGenerator: createSequentialIdGenerator('loop'),
      ...(rails ? { rails } : {}),
      onEvent: loopRecorder.onEvent,
      steps: {
        classifyIntent: () => ({ label: 'password_reset', confidence: 0.7 }),
        proposeHypotheses: () => [
          {
            id: 'h1',
            title: 'reset',
            confidence: 0.9,
            action: { name: 'reset_password', reversible: true },
          },
        ],
        act: () => ({ ok: true }),
      },
    });
  const signal = {
    source: 'email',
    kind: 'ticket',
    payload: { ticketId: 'T-1', queue: 'tier-1' },
  } as const;
  return { store, recorder, loopRecorder, loop, signal };
}

const actor = { id: 'agent', type: 'ai' } as const;

describe('createLoopEventRecorder', () => {
  it('records the decision of a loop against its trace, with segment and confidence', async () => {
    const { store, loopRecorder, loop, signal } = setup();
    const result = await loop().handle(signal, { actor });
    await loopRecorder.flush();
    const { items } = await store.listOutcomes({ traceId: result.traceId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'decision',
      verdict: 'allow',
      confidence: 0.9,
      proposedAction: 'reset_password',
      category: 'password_reset',
      channel: 'email',
      queue: 'tier-1',
      ticketId: 'T-1',
      flags: [],
    });
  });

  it('records escalations, and later outcomes on the trace are not flagged', async () => {
    const { store, recorder, loopRecorder, loop, signal } = setup();
    const rail = {
      name: 'refunds',
      kind: 'deterministic' as const,
      evaluate: () => escalate('needs a human'),
    };
    const result = await loop([rail]).handle(signal, { actor });
    await loopRecorder.flush();
    const types = (await store.listOutcomes({ traceId: result.traceId })).items.map(
      (item) => item.type,
    );
    expect(types).toEqual(['decision', 'escalated']);
    const csat = await recorder.record({ type: 'csat', traceId: result.traceId, score: 5 });
    expect(csat.outcome).toMatchObject({ flags: [], category: 'password_reset' });
    const trace = await store.getTrace(result.traceId);
    expect(trace).toMatchObject({ escalated: true, decided: true, verdict: 'escalate' });
  });

  it('ignores events that imply no outcome and dedupes a re-delivered decision', async () => {
    const { store, loopRecorder, loop, signal } = setup();
    const result = await loop().handle(signal, { actor });
    await loopRecorder.flush();
    for (const event of result.events) {
      const recorded = await loopRecorder.recordLoopEvent(event);
      expect(recorded?.status).toBe(event.type === 'decision.made' ? 'duplicate' : undefined);
    }
    expect((await store.listOutcomes({})).items).toHaveLength(1);
  });

  it('keeps background failures until flush reports them', async () => {
    const { recorder } = setup();
    const failing = { ...recorder, record: async () => Promise.reject(new Error('database down')) };
    const loopRecorder = createLoopEventRecorder({ recorder: failing });
    const event = {
      type: 'loop.escalated',
      traceId: 't1',
      at: 5,
      escalation: { step: 'decision', reason: 'x' },
    };
    loopRecorder.onEvent(event as LoopEvent);
    loopRecorder.onEvent({ type: 'bogus' } as never);
    const error = await loopRecorder.flush().catch((e) => e);
    expect(GuardloopError.hasCode(error, 'loop_event_recording_failed')).toBe(true);
    expect(error.failures.map((failure: LoopEventFailure) => failure.eventType)).toEqual([
      'bogus',
      'loop.escalated',
    ]);
    await expect(loopRecorder.flush()).resolves.toBeUndefined();
  });

  it('hands background failures to onError instead when given', async () => {
    const { recorder } = setup();
    const failures: LoopEventFailure[] = [];
    const loopRecorder = createLoopEventRecorder({
      recorder,
      onError: (failure) => failures.push(failure),
    });
    loopRecorder.onEvent({ type: 'decision.made', traceId: '' } as never);
    await loopRecorder.flush();
    expect(failures).toHaveLength(1);
    expect(GuardloopError.hasCode(failures[0]?.error, 'invalid_input')).toBe(true);
  });

  it('rejects bad input at every entry point', async () => {
    const { recorder, loopRecorder } = setup();
    await expect(loopRecorder.recordLoopEvent({ type: 'x' } as never)).rejects.toSatisfy((e) =>
      GuardloopError.hasCode(e, 'invalid_input'),
    );
    await expect(loopRecorder.flush({ abortSignal: 'no' } as never)).rejects.toSatisfy((e) =>
      GuardloopError.hasCode(e, 'invalid_input'),
    );
    for (const options of [
      undefined,
      {},
      { recorder: {} },
      { recorder, segment: 1 },
      { recorder, maxPendingTraces: 0 },
    ]) {
      expect(() => createLoopEventRecorder(options as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('rejects with the abort reason', async () => {
    const { loopRecorder } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const event = {
      type: 'loop.escalated',
      traceId: 't1',
      at: 5,
      escalation: { step: 'decision', reason: 'x' },
    };
    await expect(
      loopRecorder.recordLoopEvent(event as LoopEvent, { abortSignal: controller.signal }),
    ).rejects.toThrow('stop');
    await expect(loopRecorder.flush({ abortSignal: controller.signal })).rejects.toThrow('stop');
  });

  it('lets the host choose the segment', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createOutcomeRecorder({ store });
    const loopRecorder = createLoopEventRecorder({
      recorder,
      segment: () => ({ category: 'custom', queue: 'q9' }),
    });
    const signal = {
      id: 's',
      source: 'api',
      kind: 'ticket',
      fingerprint: 'f',
      payload: {},
      occurredAt: 1,
      receivedAt: 1,
      traceId: 't1',
    } as const;
    await loopRecorder.recordLoopEvent({
      type: 'signal.received',
      traceId: 't1',
      at: 1,
      signal,
      actor: { id: 'a', type: 'ai', roles: [] },
    });
    const event = {
      type: 'loop.escalated',
      traceId: 't1',
      at: 5,
      escalation: { step: 'hypotheses', reason: 'none' },
    } as const;
    const result = await loopRecorder.recordLoopEvent(event);
    expect(result?.outcome).toMatchObject({
      category: 'custom',
      queue: 'q9',
      channel: 'unknown',
      reason: 'none',
    });
  });
});
