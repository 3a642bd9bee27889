import { createManualClock, InvalidInputError } from '@guardloop/core';
import {
  createMemoryFeedbackStore,
  createOutcomeRecorder,
  OutcomeConflictError,
} from '@guardloop/feedback';
import { describe, expect, it } from 'vitest';
import { TicketTraceNotFoundError } from '../errors/ticket-trace-not-found-error';
import { createCsatHandler } from './create-csat-handler';

async function setup() {
  const store = createMemoryFeedbackStore();
  const feedback = createOutcomeRecorder({ store, clock: createManualClock(10_000) });
  await feedback.record({
    type: 'decision',
    traceId: 'trace-1',
    ticketId: 'T-1',
    verdict: 'allow',
  });
  const traces = {
    resolveTraceId: (ticketId: string) => (ticketId === 'T-1' ? 'trace-1' : undefined),
  };
  return { store, feedback, handler: createCsatHandler({ feedback, traces }) };
}

describe('createCsatHandler', () => {
  it('records the csat outcome on the ticket trace, idempotent on the response id', async () => {
    const { store, handler } = await setup();
    const response = { responseId: 'r-1', ticketId: 'T-1', score: 4, comment: ' Quick fix ' };
    expect(await handler.handle(response)).toEqual({
      status: 'recorded',
      outcomeId: 'csat:r-1',
      traceId: 'trace-1',
    });
    expect(await handler.handle(response)).toMatchObject({ status: 'duplicate' });
    const trace = await store.getTrace('trace-1');
    expect(trace).toMatchObject({ csatResponses: 1, csatScoreSum: 4 });
    const outcomes = await store.listOutcomes({ traceId: 'trace-1', types: ['csat'] });
    expect(outcomes.items).toHaveLength(1);
    expect(outcomes.items[0]).toMatchObject({
      id: 'csat:r-1',
      comment: 'Quick fix',
      ticketId: 'T-1',
    });
  });

  it('rejects a resend with another score as an outcome conflict', async () => {
    const { handler } = await setup();
    await handler.handle({ responseId: 'r-1', ticketId: 'T-1', score: 2 });
    await expect(
      handler.handle({ responseId: 'r-1', ticketId: 'T-1', score: 5 }),
    ).rejects.toSatisfy(OutcomeConflictError.isInstance);
  });

  it('throws ticket_trace_not_found when no trace is known for the ticket', async () => {
    const { handler } = await setup();
    const error = await handler
      .handle({ responseId: 'r-2', ticketId: 'T-9', score: 3 })
      .catch((e) => e);
    expect(TicketTraceNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ticket_trace_not_found', ticketId: 'T-9' });
  });

  it('rejects malformed responses and options with invalid_input', async () => {
    const { handler, feedback } = await setup();
    for (const bad of [
      null,
      { responseId: 'r', ticketId: 'T-1', score: 0 },
      { responseId: 'r', ticketId: 'T-1', score: 4.5 },
      { responseId: '', ticketId: 'T-1', score: 4 },
      { responseId: 'r\u0000', ticketId: 'T-1', score: 4 },
      { responseId: 'r', score: 4 },
    ]) {
      await expect(handler.handle(bad)).rejects.toSatisfy(InvalidInputError.isInstance);
    }
    expect(() => createCsatHandler({ feedback, traces: {} as never })).toThrow(InvalidInputError);
    expect(() => createCsatHandler({} as never)).toThrow(InvalidInputError);
  });

  it('stops with the abort reason', async () => {
    const { handler } = await setup();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      handler.handle(
        { responseId: 'r', ticketId: 'T-1', score: 4 },
        { abortSignal: controller.signal },
      ),
    ).rejects.toThrow('stop');
  });
});
