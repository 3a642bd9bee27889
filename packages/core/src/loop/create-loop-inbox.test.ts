import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { InvalidInputError } from '../errors/invalid-input-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { createSignal } from '../intake/create-signal';
import { allow, escalate, type Rail } from '../rails/rail';
import type { HypothesisInput } from '../schemas/hypothesis';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createLoop, type LoopConfig, type LoopSteps } from './create-loop';
import type { LoopEscalationInput, LoopEscalationSink } from './loop-escalation-sink';
import type { LoopEvent } from './loop-types';

const actor = { id: 'guardloop-ai', type: 'ai' as const, roles: ['agent'] };
const ticket = {
  traceId: 'trace-1',
  source: 'zendesk',
  kind: 'ticket' as const,
  payload: { subject: 'Refund my order', orderId: 'o-9' },
};
const refund: HypothesisInput = {
  id: 'h-refund',
  title: 'Customer wants a refund',
  confidence: 0.8,
  action: {
    name: 'refund_order',
    input: { orderId: 'o-9', amountUsd: 250 },
    resource: 'order:o-9',
    reversible: true,
  },
};
const amountRail: Rail = {
  name: 'refund-limit',
  kind: 'deterministic',
  evaluate: () => escalate('refund above $100', { limitUsd: 100 }),
};
const okRail: Rail = { name: 'ok', kind: 'semantic', evaluate: () => allow('fine') };

/** An inbox double: dedupes by trace id like @guardloop/inbox does. */
function fakeInbox() {
  const items = new Map<string, { id: string; input: LoopEscalationInput }>();
  const calls: LoopEscalationInput[] = [];
  const sink: LoopEscalationSink = {
    async escalate(input) {
      calls.push(input);
      const existing = items.get(input.traceId);
      if (existing) return { id: existing.id };
      const item = { id: `esc-${items.size + 1}`, input };
      items.set(input.traceId, item);
      return { id: item.id };
    },
  };
  return { sink, items, calls };
}

function steps(overrides: Partial<LoopSteps> = {}): LoopSteps {
  return {
    classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
    proposeHypotheses: () => [refund],
    act: () => ({ refunded: true }),
    ...overrides,
  };
}

const setup = (config: Partial<LoopConfig> = {}) =>
  createLoop({
    steps: steps(),
    rails: [okRail, amountRail],
    clock: createManualClock(1_700_000_000_000),
    idGenerator: createSequentialIdGenerator('x'),
    ...config,
  });

describe('createLoop with an inbox', () => {
  it('writes a rail escalation once, with everything a reviewer needs, before handle returns', async () => {
    const inbox = fakeInbox();
    const act = vi.fn();
    const result = await setup({ inbox: inbox.sink, steps: steps({ act }) }).handle(ticket, {
      actor,
    });
    expect(act).not.toHaveBeenCalled();
    expect(result.status).toBe('escalated');
    expect(result.escalationId).toBe('esc-1');
    expect(inbox.calls).toHaveLength(1);
    const written = inbox.calls[0] as LoopEscalationInput;
    expect(written).toMatchObject({
      traceId: 'trace-1',
      signal: { traceId: 'trace-1', payload: ticket.payload },
      intent: { label: 'refund' },
      hypotheses: [{ id: 'h-refund' }],
      action: {
        name: 'refund_order',
        input: { orderId: 'o-9', amountUsd: 250 },
        resource: 'order:o-9',
      },
      requestedBy: actor,
      rail: 'refund-limit',
      reason: 'refund-limit: refund above $100',
      evidence: { limitUsd: 100 },
    });
    expect(written.verdicts.map((verdict) => [verdict.rail, verdict.verdict]).sort()).toEqual([
      ['ok', 'allow'],
      ['refund-limit', 'escalate'],
    ]);
    expect(written.abortSignal).toBeInstanceOf(AbortSignal);
    expect(result.events.slice(-2)).toMatchObject([
      { type: 'escalation.recorded', traceId: 'trace-1', escalationId: 'esc-1' },
      { type: 'loop.escalated', escalationId: 'esc-1', escalation: { rail: 'refund-limit' } },
    ]);
  });

  it('writes an irreversible action awaiting approval', async () => {
    const inbox = fakeInbox();
    const irreversible = { ...refund, action: { name: 'close_account', reversible: false } };
    const result = await setup({
      inbox: inbox.sink,
      rails: [okRail],
      steps: steps({ proposeHypotheses: () => [irreversible] }),
    }).handle(ticket, { actor });
    expect(result).toMatchObject({ status: 'escalated', escalationId: 'esc-1' });
    expect(inbox.calls).toHaveLength(1);
    expect(inbox.calls[0]).toMatchObject({
      action: { name: 'close_account', input: {} },
      rail: 'guardloop.irreversible',
      evidence: { action: { name: 'close_account', reversible: false } },
    });
    expect(inbox.calls[0]?.action).not.toHaveProperty('resource');
  });

  it('is idempotent per trace: a retried trace gets the stored escalation back', async () => {
    const inbox = fakeInbox();
    const loop = setup({ inbox: inbox.sink });
    const first = await loop.handle(ticket, { actor });
    const second = await loop.handle(ticket, { actor });
    expect(second.escalationId).toBe(first.escalationId);
    expect(inbox.items.size).toBe(1);
  });

  it('ends failed with StoreUnavailableError when the write fails, never a plain escalation', async () => {
    const onEvent = vi.fn();
    const sink = { escalate: vi.fn(async () => Promise.reject(new Error('ECONNREFUSED'))) };
    const act = vi.fn();
    const result = await setup({ inbox: sink, onEvent, steps: steps({ act }) }).handle(ticket, {
      actor,
    });
    expect(act).not.toHaveBeenCalled();
    expect(result.status).toBe('failed');
    expect(result).not.toHaveProperty('escalationId');
    expect(result.failure?.step).toBe('escalate');
    const error = result.failure?.error;
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'store_unavailable',
      operation: 'inbox.escalate',
      effectMayHaveHappened: true,
      isRetryable: true,
    });
    expect((error as Error).cause).toEqual(new Error('ECONNREFUSED'));
    const types = result.events.map((event) => event.type);
    expect(types).not.toContain('loop.escalated');
    expect(result.events.at(-1)).toMatchObject({ type: 'loop.failed', step: 'escalate' });
    expect(onEvent).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'loop.failed', step: 'escalate' }),
    );
  });

  it('keeps a typed error from the inbox (e.g. unstorable evidence) as it is', async () => {
    const refused = new InvalidInputError({
      subject: 'escalation',
      issues: [{ path: 'evidence', message: 'not storable' }],
    });
    const sink = { escalate: async () => Promise.reject(refused) };
    const result = await setup({ inbox: sink }).handle(ticket, { actor });
    expect(result.status).toBe('failed');
    expect(result.failure).toEqual({ step: 'escalate', error: refused });
  });

  it('fails when the inbox answers without an escalation id', async () => {
    const sink = { escalate: async () => ({}) as { id: string } };
    const result = await setup({ inbox: sink }).handle(ticket, { actor });
    expect(result.status).toBe('failed');
    expect(StoreUnavailableError.isInstance(result.failure?.error)).toBe(true);
  });

  it('rejects with the abort reason when aborted while writing', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const sink: LoopEscalationSink = {
      escalate: ({ abortSignal }) => {
        seen = abortSignal;
        controller.abort(new Error('shutting down'));
        return new Promise(() => {});
      },
    };
    await expect(
      setup({ inbox: sink }).handle(ticket, { actor, abortSignal: controller.signal }),
    ).rejects.toThrow('shutting down');
    expect(seen?.aborted).toBe(true);
  });

  it('writes nothing for acted runs', async () => {
    const inbox = fakeInbox();
    const acted = await setup({ inbox: inbox.sink, rails: [okRail] }).handle(ticket, { actor });
    expect(acted.status).toBe('acted');
    expect(inbox.calls).toHaveLength(0);
  });

  it('writes an escalation without a proposed action, with no action', async () => {
    const inbox = fakeInbox();
    const info = { id: 'i', title: 'Info', confidence: 1 };
    for (const [traceId, hypotheses] of [
      ['trace-info', [info]],
      ['trace-none', []],
    ] as const) {
      const result = await setup({
        inbox: inbox.sink,
        steps: steps({ proposeHypotheses: () => [...hypotheses] }),
      }).handle({ ...ticket, traceId }, { actor });
      expect(result).toMatchObject({
        status: 'escalated',
        awaitingHuman: true,
        escalation: { step: 'hypotheses' },
      });
      expect(result.escalationId).toBe(inbox.items.get(traceId)?.id);
      expect(result.events.slice(-2).map((event) => event.type)).toEqual([
        'escalation.recorded',
        'loop.escalated',
      ]);
    }
    expect(inbox.calls).toHaveLength(2);
    expect(inbox.calls[0]).not.toHaveProperty('action');
    expect(inbox.calls[0]).toMatchObject({
      traceId: 'trace-info',
      hypotheses: [{ id: 'i' }],
      reason: 'No hypothesis proposes an action: a human has to decide.',
      verdicts: [],
    });
    expect(inbox.calls[1]).toMatchObject({ reason: 'No hypothesis was proposed for this signal.' });
  });

  it('without an inbox, escalates exactly as before', async () => {
    const result = await setup().handle(ticket, { actor });
    expect(result.status).toBe('escalated');
    expect(result).not.toHaveProperty('escalationId');
    expect(result.events.map((event) => event.type)).toEqual([
      'signal.received',
      'intent.classified',
      'hypotheses.proposed',
      'decision.made',
      'loop.escalated',
    ]);
    expect(result.events.at(-1)).not.toHaveProperty('escalationId');
  });

  it('rejects an inbox without escalate() with invalid_input', () => {
    for (const inbox of [{}, 'inbox', { escalate: 'x' }]) {
      expect(() => setup({ inbox: inbox as never })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it('writes through input.inbox and waits in awaiting_human for hosts driving the machine', async () => {
    const inbox = fakeInbox();
    const run = createActor(setup().machine, {
      input: {
        signal: createSignal({ ...ticket, traceId: 'trace-m' }),
        actor,
        rails: [amountRail],
        inbox: inbox.sink,
      },
    });
    const events: string[] = [];
    run.on('*', (event) => events.push(event.type));
    run.start();
    const waiting = await new Promise<ReturnType<typeof run.getSnapshot>>((resolve) => {
      run.subscribe((state) => {
        if (state.value === 'awaiting_human') resolve(state);
      });
    });
    expect(waiting.status).toBe('active');
    expect(waiting.context.escalationId).toBe('esc-1');
    expect(inbox.items.get('trace-m')?.input.action?.name).toBe('refund_order');
    expect(events.at(-1)).toBe('loop.escalated');

    // A malformed decision is ignored; a valid one resumes the run.
    run.send({ type: 'human.decided', decision: { kind: 'approved' } as never });
    expect(run.getSnapshot().value).toBe('awaiting_human');
    const reviewer = { id: 'lead', type: 'human' as const, roles: ['lead'] };
    run.send({
      type: 'human.decided',
      decision: {
        kind: 'approved_with_edits',
        escalationId: 'esc-1',
        reviewer,
        input: { orderId: 'o-9', amountUsd: 90 },
        result: { refundId: 'r-1' },
      },
    });
    const done = run.getSnapshot();
    expect(done.value).toBe('completed');
    expect(done.context.actionResult).toEqual({ refundId: 'r-1' });
    expect(done.context.hypothesis?.action?.input).toEqual({ orderId: 'o-9', amountUsd: 90 });
    expect(events.slice(-3)).toEqual(['human.approved', 'action.completed', 'loop.completed']);
  });

  it('ends a waiting machine rejected when the human rejects', async () => {
    const inbox = fakeInbox();
    const emitted: LoopEvent[] = [];
    const run = createActor(setup().machine, {
      input: {
        signal: createSignal({ ...ticket, traceId: 'trace-r' }),
        actor,
        rails: [amountRail],
        inbox: inbox.sink,
      },
    });
    run.on('*', (event) => emitted.push(event));
    run.start();
    await new Promise<void>((resolve) => {
      run.subscribe((state) => {
        if (state.value === 'awaiting_human') resolve();
      });
    });
    run.send({
      type: 'human.decided',
      decision: {
        kind: 'rejected',
        escalationId: 'esc-1',
        reviewer: { id: 'lead', type: 'human', roles: [] },
        reason: 'not eligible',
      },
    });
    expect(run.getSnapshot().value).toBe('rejected');
    const last = emitted.at(-1);
    expect(last).toMatchObject({ type: 'loop.rejected', human: { reason: 'not eligible' } });
    // The escalating rails' decision is not the rejection: a cost refund must not run twice.
    expect(last).not.toHaveProperty('decision');
  });
});
