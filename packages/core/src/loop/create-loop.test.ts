import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import { allow, deny, escalate, type Rail } from '../rails/rail';
import type { Hypothesis, HypothesisInput } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import { createManualClock } from '../utils/clock';
import { createSequentialIdGenerator } from '../utils/id-generator';
import { createLoop, type LoopSteps } from './create-loop';
import { loopMachine } from './loop-machine';
import type { LoopStepInput } from './loop-types';

const actor = { id: 'guardloop-ai', type: 'ai' as const, roles: ['agent'] };
const ticket = {
  source: 'zendesk',
  kind: 'ticket' as const,
  payload: { subject: 'Reset my password', email: 'a@b.c' },
};
const resetHypothesis: HypothesisInput = {
  id: 'h-reset',
  title: 'Customer is locked out',
  confidence: 0.9,
  evidence: [{ source: 'signal.payload', path: 'subject', value: 'Reset my password' }],
  action: { name: 'send_reset_link', input: { email: 'a@b.c' }, reversible: true },
};

function steps(overrides: Partial<LoopSteps> = {}): LoopSteps {
  return {
    classifyIntent: () => ({ label: 'password_reset', confidence: 0.93 }),
    proposeHypotheses: () => [resetHypothesis],
    act: ({ hypothesis }) => ({ sent: hypothesis?.action?.input.email }),
    ...overrides,
  };
}

const setup = (config: Partial<Parameters<typeof createLoop>[0]> = {}) =>
  createLoop({
    steps: steps(),
    clock: createManualClock(1_700_000_000_000),
    idGenerator: createSequentialIdGenerator('x'),
    ...config,
  });

describe('createLoop', () => {
  it('acts inside the rails and emits an event per step', async () => {
    const onEvent = vi.fn();
    const result = await setup({
      rails: [{ name: 'ok', kind: 'deterministic', evaluate: () => allow('fine') }],
      onEvent,
    }).handle(ticket, { actor });
    expect(result).toMatchObject({
      status: 'acted',
      intent: { label: 'password_reset' },
      hypothesis: { id: 'h-reset' },
      decision: { verdict: 'allow' },
      actionResult: { sent: 'a@b.c' },
    });
    expect(result.events.map((event) => event.type)).toEqual([
      'signal.received',
      'intent.classified',
      'hypotheses.proposed',
      'decision.made',
      'action.completed',
      'loop.acted',
    ]);
    expect(new Set(result.events.map((event) => event.traceId))).toEqual(new Set([result.traceId]));
    expect(onEvent).toHaveBeenCalledTimes(6);
  });

  it('escalates with the rail, the reason and the evidence, without acting', async () => {
    const act = vi.fn();
    const rails: Rail[] = [
      {
        name: 'intent-floor',
        kind: 'semantic',
        evaluate: () => escalate('confidence 0.41 < 0.7', { confidence: 0.41 }),
      },
    ];
    const result = await setup({ rails, steps: steps({ act }) }).handle(ticket, { actor });
    expect(act).not.toHaveBeenCalled();
    expect(result.status).toBe('escalated');
    expect(result.escalation).toEqual({
      step: 'decision',
      rail: 'intent-floor',
      reason: 'intent-floor: confidence 0.41 < 0.7',
      evidence: { confidence: 0.41 },
    });
    expect(result.events.at(-1)).toMatchObject({
      type: 'loop.escalated',
      escalation: { rail: 'intent-floor' },
    });
  });

  it('rejects on deny without acting', async () => {
    const act = vi.fn();
    const rails: Rail[] = [
      { name: 'rbac', kind: 'deterministic', evaluate: () => deny('AI may not do this') },
    ];
    const result = await setup({ rails, steps: steps({ act }) }).handle(ticket, { actor });
    expect(act).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 'rejected',
      decision: { verdict: 'deny', decidedBy: 'rbac' },
    });
  });

  it('always escalates an irreversible action, even when every rail allows', async () => {
    const act = vi.fn();
    const irreversible = {
      ...resetHypothesis,
      action: { name: 'delete_account', reversible: false },
    };
    const result = await setup({
      steps: steps({ act, proposeHypotheses: () => [irreversible] }),
    }).handle(ticket, { actor });
    expect(act).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 'escalated',
      escalation: { rail: 'guardloop.irreversible' },
    });
  });

  it('decides on the most confident hypothesis that proposes an action', async () => {
    const hypotheses: HypothesisInput[] = [
      { id: 'info', title: 'Known incident', confidence: 0.99 },
      { id: 'low', title: 'Low', confidence: 0.2, action: { name: 'a', reversible: true } },
      { id: 'high', title: 'High', confidence: 0.7, action: { name: 'b', reversible: true } },
    ];
    const result = await setup({ steps: steps({ proposeHypotheses: () => hypotheses }) }).handle(
      ticket,
      { actor },
    );
    expect(result.hypothesis?.id).toBe('high');
    expect(result.hypotheses.map((hypothesis) => hypothesis.id)).toEqual(['info', 'high', 'low']);
  });

  it('escalates when no hypothesis proposes an action', async () => {
    const result = await setup({ steps: steps({ proposeHypotheses: () => [] }) }).handle(ticket, {
      actor,
    });
    expect(result).toMatchObject({ status: 'escalated', escalation: { step: 'hypotheses' } });
  });

  it('fails with the step and the error when a step throws', async () => {
    const error = new Error('helpdesk API down');
    const result = await setup({ steps: steps({ act: () => Promise.reject(error) }) }).handle(
      ticket,
      { actor },
    );
    expect(result).toMatchObject({ status: 'failed', failure: { step: 'act', error } });
    expect(result.events.at(-1)).toMatchObject({ type: 'loop.failed', step: 'act' });
  });

  it('fails with a typed error when a step returns malformed output', async () => {
    const result = await setup({
      steps: steps({ classifyIntent: () => ({ label: '', confidence: 7 }) }),
    }).handle(ticket, { actor });
    expect(result.status).toBe('failed');
    expect(result.failure?.error).toMatchObject({ code: 'invalid_input', subject: 'intent' });
  });

  it('ends acted right after the action: outcomes and learning come later, from the events', async () => {
    const result = await setup().handle(ticket, { actor });
    expect(result.status).toBe('acted');
    expect(result.events.map((event) => event.type).slice(-2)).toEqual([
      'action.completed',
      'loop.acted',
    ]);
  });

  it('can replace the rail engine with a custom decide step', async () => {
    const decide = vi.fn(({ traceId }) => ({
      id: 'd',
      traceId,
      verdict: 'deny' as const,
      reason: 'custom',
      rails: [],
      decidedAt: 0,
      durationMs: 0,
    }));
    const result = await setup({ steps: steps({ decide }) }).handle(ticket, { actor });
    expect(result).toMatchObject({ status: 'rejected', decision: { reason: 'custom' } });
  });

  it('drops duplicates by fingerprint within the window', async () => {
    const clock = createManualClock(0);
    const loop = createLoop({ steps: steps(), clock, deduplicate: { windowMs: 60_000 } });
    const first = await loop.handle(ticket, { actor });
    const again = await loop.handle(
      { ...ticket, payload: { email: 'a@b.c', subject: '  reset my PASSWORD ' } },
      { actor },
    );
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.traceId });
    clock.advance(60_000);
    expect((await loop.handle(ticket, { actor })).status).toBe('acted');
  });

  it('rejects malformed signals and actors with typed errors', async () => {
    const loop = setup();
    await expect(
      loop.handle({ source: 'x', kind: 'email', payload: {} } as never, { actor }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'signal',
      issues: [expect.objectContaining({ path: 'kind' })],
    });
    await expect(loop.handle(null as never, { actor })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      loop.handle({ ...ticket, payload: 'text' } as never, { actor }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      loop.handle(ticket, { actor: { id: 'x', type: 'robot' } as never }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      subject: 'actor',
    });
    await expect(loop.handle(ticket, undefined as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('rejects a malformed configuration with typed errors', () => {
    expect(() => createLoop({ steps: {} } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => createLoop({ steps: steps(), rails: [{ name: 'x' } as never] })).toThrow(
      expect.objectContaining({ code: 'invalid_rail' }),
    );
  });

  it('rejects malformed config values and handle options with invalid_input', async () => {
    for (const config of [
      null,
      { steps: steps(), railTimeoutMs: -1 },
      { steps: steps(), railTimeoutMs: Number.NaN },
      { steps: steps(), railTimeoutMs: 2 ** 31 },
      { steps: steps(), clock: {} },
      { steps: steps(), onEvent: 'log' },
      { steps: { ...steps(), decide: 'x' } },
      { steps: steps(), deduplicate: { windowMs: Number.NaN } },
    ]) {
      expect(() => createLoop(config as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    const loop = setup();
    for (const options of [
      null,
      { actor, attributes: 'x' },
      { actor, abortSignal: { aborted: false } },
    ]) {
      await expect(loop.handle(ticket, options as never)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });

  it('rejects with the abort reason and aborts the running step', async () => {
    const controller = new AbortController();
    let stepSignal: AbortSignal | undefined;
    const loop = setup({
      steps: steps({
        act: (_input, { abortSignal }) => {
          stepSignal = abortSignal;
          controller.abort(new Error('shutting down'));
          return new Promise(() => {});
        },
      }),
    });
    await expect(loop.handle(ticket, { actor, abortSignal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
    expect(stepSignal?.aborted).toBe(true);
    const aborted = AbortSignal.abort(new Error('already'));
    await expect(loop.handle(ticket, { actor, abortSignal: aborted })).rejects.toThrow('already');
    // The removed `signal` alias is refused, not ignored.
    await expect(
      loop.handle(ticket, { actor, signal: aborted } as Parameters<typeof loop.handle>[1]),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /abortSignal/ });
  });
});

describe('loopMachine', () => {
  it('runs with steps supplied through machine.provide', async () => {
    const machine = loopMachine.provide({
      actors: {
        classifyIntent: fromPromise<Intent, LoopStepInput>(async () => ({
          label: 'outage',
          confidence: 0.8,
          abstained: false,
        })),
        proposeHypotheses: fromPromise<Hypothesis[], LoopStepInput>(async () => []),
      },
    });
    const signal = {
      id: 's',
      source: 'pagerduty',
      kind: 'alert' as const,
      fingerprint: 'f',
      payload: {},
      occurredAt: 0,
      receivedAt: 0,
      traceId: 't',
    };
    const run = createActor(machine, {
      input: { signal, actor: { id: 'sys', type: 'system', roles: [] } },
    });
    const types: string[] = [];
    run.on('*', (event) => types.push(event.type));
    run.start();
    await toPromise(run);
    expect(run.getSnapshot().value).toBe('escalated');
    expect(types).toEqual([
      'signal.received',
      'intent.classified',
      'hypotheses.proposed',
      'loop.escalated',
    ]);
  });

  it('fails with StepNotProvidedError when a step is missing', async () => {
    const signal = {
      id: 's',
      source: 'x',
      kind: 'alert' as const,
      fingerprint: 'f',
      payload: {},
      occurredAt: 0,
      receivedAt: 0,
      traceId: 't',
    };
    const run = createActor(loopMachine, {
      input: { signal, actor: { id: 'sys', type: 'system', roles: [] } },
    }).start();
    await toPromise(run);
    expect(run.getSnapshot().context.failure).toMatchObject({
      step: 'classifyIntent',
      error: { code: 'step_not_provided' },
    });
  });
});
