import { describe, expect, it, vi } from 'vitest';
import { GuardloopError } from '../errors/guardloop-error';
import { LoopResumeUnavailableError } from '../errors/loop-resume-unavailable-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { escalate, type Rail } from '../rails/rail';
import type { HypothesisInput } from '../schemas/hypothesis';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createLoop, type LoopConfig } from './create-loop';
import type { LoopEscalationItem, LoopEscalationSink } from './loop-escalation-sink';
import type { LoopEvent } from './loop-types';

const actor = { id: 'guardloop-ai', type: 'ai' as const, roles: ['agent'] };
const reviewer = { id: 'lead', type: 'human' as const, roles: ['lead'] };
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
  action: { name: 'refund_order', input: { orderId: 'o-9', amountUsd: 250 }, reversible: true },
};
const amountRail: Rail = {
  name: 'refund-limit',
  kind: 'deterministic',
  evaluate: () => escalate('refund above $100'),
};

class NotFoundError extends GuardloopError {
  constructor(id: string) {
    super('escalation_not_found', { message: `No escalation '${id}'` });
  }
}

/** An inbox double that keeps items like @guardloop/inbox and lets a test decide them. */
function fakeInbox() {
  const items = new Map<string, LoopEscalationItem>();
  const sink: Required<LoopEscalationSink> = {
    async escalate(input) {
      const id = `esc-${items.size + 1}`;
      items.set(id, {
        id,
        traceId: input.traceId,
        status: 'pending',
        signal: JSON.parse(JSON.stringify(input.signal)),
        intent: input.intent ?? null,
        hypotheses: JSON.parse(JSON.stringify(input.hypotheses)),
        action: input.action
          ? { name: input.action.name, input: input.action.input, resource: null }
          : null,
        requestedBy: input.requestedBy,
        rail: input.rail ?? null,
        reason: input.reason,
        evidence: input.evidence ?? null,
        decision: null,
        result: null,
        error: null,
      });
      return { id };
    },
    async get(id) {
      const item = items.get(id);
      if (!item) throw new NotFoundError(id);
      return item;
    },
  };
  const decide = (id: string, patch: Partial<LoopEscalationItem>) =>
    items.set(id, { ...(items.get(id) as LoopEscalationItem), ...patch });
  return { sink, items, decide };
}

const setup = (config: Partial<LoopConfig> = {}) =>
  createLoop({
    steps: {
      classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
      proposeHypotheses: () => [refund],
      act: () => ({ refunded: 'by the loop' }),
    },
    rails: [amountRail],
    clock: createManualClock(1_700_000_000_000),
    idGenerator: createSequentialIdGenerator('x'),
    ...config,
  });

async function escalated(config: Partial<LoopConfig> = {}) {
  const inbox = fakeInbox();
  const events: LoopEvent[] = [];
  const loop = setup({ inbox: inbox.sink, onEvent: (event) => events.push(event), ...config });
  const first = await loop.handle(ticket, { actor });
  return { inbox, loop, events, first };
}

describe('loop.resume', () => {
  it('reports a waiting escalation from handle and from resume', async () => {
    const { loop, first } = await escalated();
    expect(first).toMatchObject({
      status: 'escalated',
      escalationId: 'esc-1',
      awaitingHuman: true,
    });
    const again = await loop.resume('esc-1');
    expect(again).toMatchObject({
      status: 'escalated',
      awaitingHuman: true,
      traceId: 'trace-1',
      escalationId: 'esc-1',
      escalation: { step: 'decision', rail: 'refund-limit', reason: first.escalation?.reason },
      events: [],
    });
  });

  it('resumes an escalation without a proposed action: acknowledged or rejected, nothing runs', async () => {
    const act = vi.fn();
    const { inbox, loop, first } = await escalated({
      steps: {
        classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
        proposeHypotheses: () => [{ id: 'info', title: 'Only information', confidence: 0.5 }],
        act,
      },
    });
    expect(first).toMatchObject({
      status: 'escalated',
      escalationId: 'esc-1',
      awaitingHuman: true,
    });
    expect(inbox.items.get('esc-1')?.action).toBeNull();
    const waiting = await loop.resume('esc-1');
    expect(waiting).toMatchObject({ status: 'escalated', escalation: { step: 'hypotheses' } });
    expect(waiting).not.toHaveProperty('hypothesis');
    inbox.decide('esc-1', {
      status: 'approved',
      decision: { kind: 'approve', reviewer },
    });
    const acknowledged = await loop.resume('esc-1');
    expect(acknowledged.status).toBe('completed');
    expect(acknowledged.events.map((event) => event.type)).toEqual([
      'human.approved',
      'loop.completed',
    ]);
    inbox.decide('esc-1', { status: 'rejected', decision: { kind: 'reject', reviewer } });
    expect((await loop.resume('esc-1')).status).toBe('rejected');
    expect(act).not.toHaveBeenCalled();
  });

  it('completes an approved escalation with the inbox result and the original trace id', async () => {
    const act = vi.fn();
    const { inbox, loop, events } = await escalated({
      steps: {
        classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
        proposeHypotheses: () => [refund],
        act,
      },
    });
    inbox.decide('esc-1', {
      status: 'approved',
      decision: { kind: 'approve', reviewer, input: { orderId: 'o-9', amountUsd: 250 } },
      result: { refundId: 'r-1' },
    });
    events.length = 0;
    const result = await loop.resume('esc-1');
    expect(act).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 'completed',
      traceId: 'trace-1',
      escalationId: 'esc-1',
      actionResult: { refundId: 'r-1' },
      human: { kind: 'approved', reviewer: { id: 'lead' } },
      intent: { label: 'refund' },
    });
    expect(result.awaitingHuman).toBeUndefined();
    expect(result.events.map((event) => event.type)).toEqual([
      'human.approved',
      'action.completed',
      'loop.completed',
    ]);
    expect(events).toEqual(result.events);
    expect(new Set(events.map((event) => event.traceId))).toEqual(new Set(['trace-1']));
  });

  it('runs an approval with edits on the edited input', async () => {
    const { inbox, loop } = await escalated();
    inbox.decide('esc-1', {
      status: 'approved',
      decision: { kind: 'approve_with_edits', reviewer, input: { orderId: 'o-9', amountUsd: 90 } },
      result: { refundId: 'r-2' },
    });
    const result = await loop.resume('esc-1');
    expect(result).toMatchObject({
      status: 'completed',
      human: { kind: 'approved_with_edits', input: { amountUsd: 90 } },
      hypothesis: { id: 'h-refund', action: { input: { orderId: 'o-9', amountUsd: 90 } } },
    });
    expect(result.events[1]).toMatchObject({
      type: 'action.completed',
      hypothesis: { action: { input: { amountUsd: 90 } } },
      result: { refundId: 'r-2' },
    });
  });

  it('ends rejected with the reviewer reason', async () => {
    const { inbox, loop } = await escalated();
    inbox.decide('esc-1', {
      status: 'rejected',
      decision: { kind: 'reject', reviewer, note: 'Outside the refund window' },
    });
    const result = await loop.resume('esc-1');
    expect(result).toMatchObject({
      status: 'rejected',
      human: { kind: 'rejected', reason: 'Outside the refund window' },
    });
    expect(result.events.map((event) => event.type)).toEqual(['human.rejected', 'loop.rejected']);
  });

  it('ends failed at act when the approved action failed, and waits while it runs', async () => {
    const { inbox, loop } = await escalated();
    const decision = { kind: 'approve' as const, reviewer, input: { orderId: 'o-9' } };
    inbox.decide('esc-1', { status: 'approving', decision });
    expect(await loop.resume('esc-1')).toMatchObject({ status: 'escalated', awaitingHuman: true });
    const error = { code: 'action_failed', message: 'payment provider down' };
    inbox.decide('esc-1', { status: 'failed', decision, error });
    const result = await loop.resume('esc-1');
    expect(result).toMatchObject({ status: 'failed', failure: { step: 'act', error } });
    expect(result.events.map((event) => event.type)).toEqual(['human.approved', 'loop.failed']);
  });

  it('throws a typed error without an inbox that can read escalations back', async () => {
    await expect(setup().resume('esc-1')).rejects.toSatisfy(LoopResumeUnavailableError.isInstance);
    const writeOnly = setup({ inbox: { escalate: async () => ({ id: 'esc-1' }) } });
    await expect(writeOnly.resume('esc-1')).rejects.toMatchObject({
      code: 'loop_resume_unavailable',
    });
  });

  it('passes the inbox error for an unknown id through', async () => {
    const { loop } = await escalated();
    await expect(loop.resume('esc-404')).rejects.toMatchObject({ code: 'escalation_not_found' });
  });

  it('rejects malformed arguments with invalid_input', async () => {
    const { loop } = await escalated();
    await expect(loop.resume('')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(loop.resume(42 as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(loop.resume('esc-1', { abortSignal: 'no' as never })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('turns an inbox fault or an unusable item into store_unavailable', async () => {
    const broken = setup({
      inbox: {
        escalate: async () => ({ id: 'esc-1' }),
        get: async () => {
          throw new Error('connection reset');
        },
      },
    });
    await expect(broken.resume('esc-1')).rejects.toSatisfy(StoreUnavailableError.isInstance);
    const garbled = setup({
      inbox: {
        escalate: async () => ({ id: 'esc-1' }),
        get: async () => ({ id: 'esc-1' }) as never,
      },
    });
    await expect(garbled.resume('esc-1')).rejects.toMatchObject({
      code: 'store_unavailable',
      message: /cannot resume/,
    });
  });

  it('honours abortSignal', async () => {
    const { loop } = await escalated();
    const aborted = AbortSignal.abort(new Error('gone'));
    await expect(loop.resume('esc-1', { abortSignal: aborted })).rejects.toThrow('gone');
    const controller = new AbortController();
    const hanging = setup({
      inbox: { escalate: async () => ({ id: 'esc-1' }), get: () => new Promise(() => {}) },
    });
    const pending = hanging.resume('esc-1', { abortSignal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});
