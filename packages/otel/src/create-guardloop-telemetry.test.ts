import { getEventListeners } from 'node:events';
import {
  allow,
  createLoop,
  deny,
  escalate,
  InvalidInputError,
  type LoopSteps,
  type Rail,
} from '@guardloop/core';
import { createUndoLog } from '@guardloop/undo-log';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it, vi } from 'vitest';
import { attributes as a, metricNames, spanNames } from './attributes';
import { createGuardloopTelemetry } from './create-guardloop-telemetry';
import { agent, createBankLog, createHarness, reviewer } from './test-support/telemetry-harness';

const rulesRail = (verdict: 'allow' | 'escalate' | 'deny'): Rail => ({
  name: 'policy',
  kind: 'deterministic',
  evaluate: () => {
    const evidence = { rule: { id: 'refund-limit', version: 3, verdict }, revision: 7 };
    if (verdict === 'deny') return deny('Refunds above the limit are refused.', evidence);
    if (verdict === 'escalate') return escalate('Refund needs a human.', evidence);
    return allow('Within the refund limit.', evidence);
  },
});

const sloRail: Rail = {
  name: 'autonomy',
  kind: 'economic',
  evaluate: () =>
    allow('Autonomy full.', {
      autonomy: 'full',
      actionType: 'credit',
      slos: [{ slo: 'refund-quality', budgetRemaining: 0.75 }],
    }),
};

function setup(verdict: 'allow' | 'escalate' | 'deny', extra: { inbox?: boolean } = {}) {
  const harness = createHarness();
  const telemetry = createGuardloopTelemetry({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    clock: harness.clock,
  });
  const bank = createBankLog();
  const log = telemetry.instrumentUndoLog(bank.log);
  const escalations: string[] = [];
  const loop = createLoop(
    telemetry.instrumentLoop({
      actions: log,
      clock: harness.clock,
      rails: [rulesRail(verdict), sloRail],
      steps: {
        classifyIntent: async () => {
          // What the AI SDK does inside a step (experimental_telemetry): a span on the active context.
          harness.tracerProvider.getTracer('ai').startSpan('ai.generateText').end();
          return { label: 'refund', confidence: 0.9, classifier: 'intent-v2' };
        },
        proposeHypotheses: () => [
          {
            id: 'h-1',
            title: 'Refund the duplicate charge',
            confidence: 0.8,
            evidence: [{ source: 'macros', value: { artifactId: 'macro-refund', version: 4 } }],
            action: {
              name: 'credit',
              input: { account: 'acme', amount: 5 },
              idempotencyKey: 'refund-1',
            },
          },
        ],
        act: async (input) =>
          log.run('credit', input.hypothesis?.action?.input, {
            traceId: input.traceId,
            actor: input.actor,
            idempotencyKey: input.hypothesis?.action?.idempotencyKey as string,
          }),
      },
      ...(extra.inbox
        ? {
            inbox: {
              escalate: async (input) => {
                escalations.push(input.traceId);
                return { id: `esc-${input.traceId}` };
              },
            },
          }
        : {}),
    }),
  );
  return { harness, telemetry, loop, log, bank, escalations };
}

const signal = (traceId: string) => ({
  source: 'email',
  kind: 'ticket' as const,
  payload: { from: 'jo@example.com', body: 'Refund me' },
  traceId,
});

const names = (spans: ReadableSpan[]) => spans.map((span) => span.name).sort();

describe('createGuardloopTelemetry', () => {
  it('traces an acted signal: root, steps, rails, the action and nested model calls', async () => {
    const { harness, loop } = setup('allow');
    const result = await loop.handle(signal('t-acted'), { actor: agent });
    expect(result.status).toBe('acted');
    const root = harness.span(spanNames.loop);
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.attributes).toMatchObject({
      [a.traceId]: 't-acted',
      [a.loopStatus]: 'acted',
      [a.signalSource]: 'email',
    });
    // Each attribute in one place: the decision on decide, the intent on classify, the signal on
    // the root (not on intake).
    expect(harness.span(spanNames.decide).attributes).toMatchObject({
      [a.decisionVerdict]: 'allow',
      [a.artifactVersions]: ['macro-refund@4'],
    });
    expect(harness.span(spanNames.classify).attributes[a.intentLabel]).toBe('refund');
    for (const key of [a.decisionVerdict, a.intentLabel, a.hypothesisCount])
      expect(root.attributes).not.toHaveProperty([key]);
    expect(harness.span(spanNames.intake).attributes).toEqual({});
    const children = harness.spans().filter((span) => harness.parentOf(span) === root);
    expect(names(children)).toEqual(
      names(
        [
          spanNames.intake,
          spanNames.classify,
          spanNames.hypotheses,
          spanNames.decide,
          spanNames.act,
        ].map((name) => ({ name }) as ReadableSpan),
      ),
    );
    expect(harness.parentOf(harness.span('ai.generateText'))?.name).toBe(spanNames.classify);
    expect(harness.span(spanNames.classify).attributes).toMatchObject({
      [a.classifier]: 'intent-v2',
      [a.intentAbstained]: false,
    });
    const rail = harness.span('run_guardrail policy');
    expect(harness.parentOf(rail)?.name).toBe(spanNames.decide);
    expect(rail.attributes).toMatchObject({
      [a.operationName]: 'run_guardrail',
      [a.guardrailType]: 'deterministic',
      [a.verdictType]: 'allow',
      [a.policyRuleId]: 'refund-limit',
      [a.ruleVersion]: 3,
      [a.policyVersion]: 7,
    });
    const action = harness.span('guardloop.action credit');
    expect(harness.parentOf(action)?.name).toBe(spanNames.act);
    expect(action.attributes).toMatchObject({
      [a.idempotencyKey]: 'refund-1',
      [a.actionReversible]: true,
      [a.actionReplayed]: false,
    });
    expect(action.attributes[a.actionRecordId]).toEqual(expect.any(String));
    expect(harness.span(spanNames.act).attributes).toMatchObject({
      [a.actionName]: 'credit',
      [a.actionReversible]: true,
      [a.actionRecordId]: action.attributes[a.actionRecordId],
    });
    // One OTel trace for the whole run.
    expect(new Set(harness.spans().map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it('traces an escalated signal and links a later outcome to the decision trace', async () => {
    const { harness, loop, telemetry } = setup('escalate', { inbox: true });
    const result = await loop.handle(signal('t-escalated'), { actor: agent });
    expect(result.status).toBe('escalated');
    const root = harness.span(spanNames.loop);
    expect(root.attributes).toMatchObject({
      [a.loopStatus]: 'escalated',
      [a.escalationRail]: 'policy',
      [a.escalationId]: 'esc-t-escalated',
    });
    const escalation = harness.span(spanNames.escalate);
    expect(harness.parentOf(escalation)).toBe(root);
    expect(escalation.attributes[a.escalationId]).toBe('esc-t-escalated');
    expect(harness.spans().some((span) => span.name === spanNames.act)).toBe(false);

    const records: unknown[] = [];
    const recorder = telemetry.instrumentOutcomeRecorder({
      record: async (outcome: { type: string; traceId: string; at: number; score?: number }) => {
        records.push(outcome);
        return { status: 'recorded' };
      },
    });
    harness.clock.advance(3 * 24 * 3_600_000);
    await recorder.record({
      type: 'csat',
      traceId: 't-escalated',
      at: harness.clock.now(),
      score: 2,
    });
    expect(records).toHaveLength(1);
    const outcome = harness.span('guardloop.outcome csat');
    expect(outcome.spanContext().traceId).not.toBe(root.spanContext().traceId);
    expect(outcome.links.map((link) => link.context.spanId)).toEqual([root.spanContext().spanId]);
    expect(outcome.attributes).toMatchObject({ [a.outcomeScore]: 2, [a.traceId]: 't-escalated' });
    expect(telemetry.spanContextOf('t-escalated')?.traceId).toBe(root.spanContext().traceId);
  });

  it('links an action run later (an approved escalation) to its decision, and skips duplicate outcomes', async () => {
    const { harness, loop, log, telemetry } = setup('escalate', { inbox: true });
    await loop.handle(signal('t-later'), { actor: agent });
    await log.run(
      'credit',
      { account: 'acme', amount: 5 },
      {
        traceId: 't-later',
        actor: reviewer,
        idempotencyKey: 'approved-1',
      },
    );
    const action = harness.span('guardloop.action credit');
    expect(action.parentSpanContext).toBeUndefined();
    expect(action.links[0]?.context.spanId).toBe(harness.span(spanNames.loop).spanContext().spanId);
    const recorder = telemetry.instrumentOutcomeRecorder({
      record: async (_outcome: { type: string; traceId: string }) => ({ status: 'duplicate' }),
    });
    await recorder.record({ type: 'reopened', traceId: 't-later' });
    expect(harness.spans().some((span) => span.name.startsWith(spanNames.outcomePrefix))).toBe(
      false,
    );
  });

  it('traces a denied signal with the denying rail', async () => {
    const { harness, loop } = setup('deny');
    const result = await loop.handle(signal('t-denied'), { actor: agent });
    expect(result.status).toBe('rejected');
    expect(harness.span(spanNames.loop).attributes[a.loopStatus]).toBe('rejected');
    expect(harness.span(spanNames.decide).attributes).toMatchObject({
      [a.decisionVerdict]: 'deny',
      [a.decidedBy]: 'policy',
      [a.actionType]: 'deny',
    });
    expect(harness.span('run_guardrail policy').attributes[a.verdictType]).toBe('deny');
    expect(harness.spans().some((span) => span.name === spanNames.act)).toBe(false);
  });

  it('links an undo, however late, to the span of the action it reverses', async () => {
    const { harness, loop, log, bank } = setup('allow');
    const result = await loop.handle(signal('t-undone'), { actor: agent });
    const actionId = (result.actionResult as { actionId: string }).actionId;
    await log.undo(actionId, { by: reviewer, reason: 'Charged twice by mistake' });
    expect(bank.balances.get('acme')).toBe(0);
    const action = harness.span('guardloop.action credit');
    const undo = harness.span(spanNames.undo);
    expect(undo.links.map((link) => link.context.spanId)).toEqual([action.spanContext().spanId]);
    expect(undo.attributes).toMatchObject({
      [a.actionRecordId]: actionId,
      [a.undoAlreadyUndone]: false,
    });
    await log.undoTrace('t-undone', { by: reviewer, reason: 'Roll back the trace' });
    const undoTrace = harness.span(spanNames.undoTrace);
    expect(undoTrace.links.map((link) => link.context.spanId)).toEqual([
      harness.span(spanNames.loop).spanContext().spanId,
      action.spanContext().spanId,
    ]);
  });

  it('counts decisions, runs, escalations and reads the economic rails into gauges', async () => {
    const { harness, loop } = setup('escalate');
    await loop.handle(signal('t-m1'), { actor: agent });
    const decisions = await harness.metric(metricNames.decisions);
    expect(decisions?.dataPoints).toEqual([
      expect.objectContaining({
        value: 1,
        attributes: { [a.decisionVerdict]: 'escalate', [a.decidedBy]: 'policy' },
      }),
    ]);
    const runs = await harness.metric(metricNames.runs);
    expect(runs?.dataPoints[0]).toMatchObject({
      value: 1,
      attributes: { [a.loopStatus]: 'escalated' },
    });
    const escalations = await harness.metric(metricNames.escalations);
    expect(escalations?.dataPoints[0]?.attributes).toEqual({
      [a.escalationStep]: 'decision',
      [a.escalationRail]: 'policy',
    });
    expect((await harness.metric(metricNames.autonomyLevel))?.dataPoints[0]).toMatchObject({
      value: 2,
      attributes: { [a.actionName]: 'credit' },
    });
    expect((await harness.metric(metricNames.errorBudgetRemaining))?.dataPoints[0]?.value).toBe(
      0.75,
    );
  });

  it('counts classifier abstentions and SLA breaches', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => ({
            label: 'other',
            confidence: 0.2,
            abstained: true,
            classifier: 'local',
          }),
          proposeHypotheses: () => [],
          act: () => undefined,
        },
      }),
    );
    const result = await loop.handle(signal('t-abstain'), { actor: agent });
    expect(result.status).toBe('escalated');
    expect(harness.span(spanNames.escalate).attributes[a.escalationStep]).toBe('hypotheses');
    expect((await harness.metric(metricNames.abstentions))?.dataPoints[0]).toMatchObject({
      value: 1,
      attributes: { [a.classifier]: 'local' },
    });
    telemetry.recordOutcome({
      type: 'sla_breached',
      traceId: 't-abstain',
      at: 5,
      deadline: 'decide',
      lateMs: 60_000,
    });
    expect((await harness.metric(metricNames.slaBreaches))?.dataPoints[0]?.value).toBe(1);
    expect(harness.span('guardloop.outcome sla_breached').attributes[a.slaLateMs]).toBe(60_000);
  });

  it('marks a failed step and its run as errors', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => {
            throw new Error('model down');
          },
          proposeHypotheses: () => [],
          act: () => undefined,
        },
      }),
    );
    const result = await loop.handle(signal('t-failed'), { actor: agent });
    expect(result.status).toBe('failed');
    expect(harness.span(spanNames.classify).status.code).toBe(SpanStatusCode.ERROR);
    expect(harness.span(spanNames.loop).status.code).toBe(SpanStatusCode.ERROR);
    expect(harness.span(spanNames.loop).attributes[a.failedStep]).toBe('classifyIntent');
  });

  it('ends the spans of a run aborted mid-step', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    const controller = new AbortController();
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => {
            controller.abort(new Error('caller gave up'));
            return new Promise<never>(() => {});
          },
          proposeHypotheses: () => [],
          act: () => undefined,
        },
      }),
    );
    await expect(
      loop.handle(signal('t-aborted'), { actor: agent, abortSignal: controller.signal }),
    ).rejects.toThrow('caller gave up');
    expect(harness.span(spanNames.loop).status).toMatchObject({
      code: SpanStatusCode.ERROR,
      message: 'abandoned',
    });
    expect(harness.span(spanNames.classify).status.message).toBe('abandoned');
  });

  it('watches a shared abort signal with one listener, and abandons every run open on it', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    const controller = new AbortController();
    const { abortSignal } = { abortSignal: controller.signal };
    const loopWith = (classifyIntent: LoopSteps['classifyIntent']) =>
      createLoop(
        telemetry.instrumentLoop({
          steps: { classifyIntent, proposeHypotheses: () => [], act: () => undefined },
        }),
      );
    const quick = loopWith(() => ({ label: 'refund', confidence: 0.9 }));
    for (const traceId of ['t-q1', 't-q2', 't-q3'])
      expect((await quick.handle(signal(traceId), { actor: agent, abortSignal })).status).toBe(
        'escalated',
      );
    // The loop removes its own listeners when a step settles: what is left is the telemetry's one.
    expect(getEventListeners(abortSignal, 'abort')).toHaveLength(1);
    let hanging = 0;
    const stuck = loopWith(() => {
      hanging++;
      return new Promise<never>(() => {});
    });
    const runs = ['t-s1', 't-s2'].map((traceId) =>
      stuck.handle(signal(traceId), { actor: agent, abortSignal }),
    );
    await vi.waitFor(() => expect(hanging).toBe(2));
    controller.abort(new Error('caller gave up'));
    for (const run of runs) await expect(run).rejects.toThrow('caller gave up');
    const roots = harness.spans().filter((span) => span.name === spanNames.loop);
    expect(roots.map((root) => root.status.message ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'abandoned',
      'abandoned',
    ]);
  });

  it('keeps an async rail within a microtask, so the engine starts no timer for it', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    let timers = 0;
    const clock = {
      now: () => harness.clock.now(),
      setTimer: (ms: number, callback: () => void) => {
        timers++;
        return harness.clock.setTimer(ms, callback);
      },
    };
    const loop = createLoop(
      telemetry.instrumentLoop({
        clock,
        rails: [{ name: 'async', kind: 'economic', evaluate: async () => allow('ok') }],
        steps: {
          classifyIntent: () => ({ label: 'x', confidence: 1 }),
          proposeHypotheses: () => [
            {
              id: 'h',
              title: 'h',
              confidence: 1,
              action: { name: 'a', input: {}, reversible: true },
            },
          ],
          act: () => 1,
        },
      }),
    );
    expect((await loop.handle(signal('t-timer'), { actor: agent })).status).toBe('acted');
    expect(timers).toBe(0);
    expect(harness.span('run_guardrail async').attributes[a.verdictType]).toBe('allow');
  });

  it('runs a custom decide step inside the decide span', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => ({ label: 'x', confidence: 1 }),
          proposeHypotheses: () => [
            {
              id: 'h',
              title: 'h',
              confidence: 1,
              action: { name: 'a', input: {}, reversible: true },
            },
          ],
          decide: (input) => ({
            id: 'd-1',
            traceId: input.traceId,
            verdict: 'deny',
            reason: 'custom',
            rails: [],
            decidedAt: 1,
            durationMs: 0,
          }),
          act: () => 1,
        },
      }),
    );
    expect((await loop.handle(signal('t-custom'), { actor: agent })).status).toBe('rejected');
    expect(harness.parentOf(harness.span(spanNames.customDecide))?.name).toBe(spanNames.decide);
    expect(harness.span(spanNames.decide).attributes[a.decisionId]).toBe('d-1');
  });

  it('forgets the oldest traces past maxTraces and ends what they left open', () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({
      tracerProvider: harness.tracerProvider,
      maxTraces: 1,
    });
    const received = (traceId: string) =>
      telemetry.onEvent({
        traceId,
        at: 1,
        type: 'signal.received',
        signal: {
          id: traceId,
          source: 'email',
          kind: 'ticket',
          fingerprint: 'f',
          payload: {},
          occurredAt: 0,
          receivedAt: 0,
          traceId,
        },
        actor: { ...agent, roles: [] },
      });
    received('t-old');
    received('t-new');
    expect(telemetry.spanContextOf('t-old')).toBeUndefined();
    expect(telemetry.spanContextOf('t-new')).toBeDefined();
    expect(harness.span(spanNames.loop).status.message).toBe('abandoned');
  });

  it('links a resumed run to its decision trace', () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    const base = { traceId: 't-resume', at: 1 };
    telemetry.onEvent({
      ...base,
      type: 'signal.received',
      signal: {
        id: 's',
        source: 'email',
        kind: 'ticket',
        fingerprint: 'f',
        payload: {},
        occurredAt: 0,
        receivedAt: 0,
        traceId: 't-resume',
      },
      actor: { ...agent, roles: [] },
    });
    telemetry.onEvent({
      ...base,
      type: 'loop.escalated',
      escalation: { step: 'decision', reason: 'r' },
      escalationId: 'e-1',
    });
    const human = {
      kind: 'rejected' as const,
      escalationId: 'e-1',
      reviewer: { ...reviewer, roles: [] },
    };
    telemetry.onEvent({ ...base, at: 2, type: 'human.rejected', escalationId: 'e-1', human });
    telemetry.onEvent({ ...base, at: 2, type: 'loop.rejected', human });
    const resumed = harness.span(spanNames.resume);
    expect(resumed.links[0]?.context.spanId).toBe(
      harness.span(spanNames.loop).spanContext().spanId,
    );
    // Given at the start of the resumed root, with the trace id, and its status at the end.
    expect(resumed.attributes).toMatchObject({
      [a.humanDecision]: 'rejected',
      [a.escalationId]: 'e-1',
      [a.traceId]: base.traceId,
      [a.loopStatus]: 'rejected',
    });
  });
});

describe('PII and logs', () => {
  const allAttributes = (spans: ReadableSpan[]) =>
    JSON.stringify(spans.map((span) => span.attributes));

  it('records no payload by default, and only redacted when asked', async () => {
    const off = createHarness();
    const plain = createGuardloopTelemetry({ tracerProvider: off.tracerProvider });
    const steps = {
      classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
      proposeHypotheses: () => [],
      act: () => undefined,
    };
    await createLoop(plain.instrumentLoop({ steps })).handle(signal('t-pii'), { actor: agent });
    expect(allAttributes(off.spans())).not.toContain('jo@example.com');
    expect(allAttributes(off.spans())).not.toContain('Refund me');

    const on = createHarness();
    const redacting = createGuardloopTelemetry({
      tracerProvider: on.tracerProvider,
      recordPayload: { redact: (text) => text.replaceAll('jo@example.com', '[EMAIL]') },
    });
    await createLoop(redacting.instrumentLoop({ steps })).handle(signal('t-pii'), { actor: agent });
    expect(on.span(spanNames.loop).attributes[a.signalPayload]).toContain('[EMAIL]');
    expect(allAttributes(on.spans())).not.toContain('jo@example.com');
  });

  it('logs the same events through a pino-compatible logger', async () => {
    const lines: { level: string; fields: Record<string, unknown> }[] = [];
    const logger = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [
        level,
        (fields: Record<string, unknown>) => lines.push({ level, fields }),
      ]),
    ) as unknown as Parameters<typeof createGuardloopTelemetry>[0] & {};
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({
      tracerProvider: harness.tracerProvider,
      logger: logger as never,
    });
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => ({ label: 'x', confidence: 1 }),
          proposeHypotheses: () => [],
          act: () => undefined,
        },
      }),
    );
    await loop.handle(signal('t-log'), { actor: agent });
    expect(lines.map((line) => `${line.level} ${line.fields.event}`)).toEqual([
      'info signal.received',
      'debug intent.classified',
      'debug hypotheses.proposed',
      'warn loop.escalated',
    ]);
    expect(lines[0]?.fields.otelTraceId).toBe(harness.span(spanNames.loop).spanContext().traceId);
    expect(JSON.stringify(lines)).not.toContain('jo@example.com');
  });
});

describe('malformed input', () => {
  it.each([
    ['a tracer without startSpan', { tracer: {} }],
    ['a logger without warn', { logger: { info() {}, debug() {}, error() {} } }],
    ['maxTraces 0', { maxTraces: 0 }],
    ['recordPayload true', { recordPayload: true }],
    ['recordPayload without redact', { recordPayload: {} }],
    ['an unknown option', { recordPayloads: false }],
    ['a string', 'otel'],
  ])('refuses %s with invalid_input', (_name, options) => {
    expect(() => createGuardloopTelemetry(options as never)).toThrow(InvalidInputError);
  });

  it('refuses a malformed loop config, undo log, recorder and outcome', () => {
    const telemetry = createGuardloopTelemetry();
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => telemetry.instrumentLoop(null as never))).toBe('invalid_input');
    expect(code(() => telemetry.instrumentUndoLog({ run() {} } as never))).toBe('invalid_input');
    expect(code(() => telemetry.instrumentOutcomeRecorder({} as never))).toBe('invalid_input');
    expect(code(() => telemetry.recordOutcome({ type: 'csat' } as never))).toBe('invalid_input');
  });

  it('leaves malformed steps and rails for createLoop to refuse', () => {
    const telemetry = createGuardloopTelemetry();
    const config = telemetry.instrumentLoop({
      steps: { classifyIntent: 42, proposeHypotheses: () => [], act: () => undefined } as never,
      rails: [{ name: 'broken' } as never],
    });
    expect(() => createLoop(config)).toThrow(InvalidInputError);
    expect(() =>
      createLoop(
        telemetry.instrumentLoop({
          steps: {
            classifyIntent: () => ({ label: 'x', confidence: 1 }),
            proposeHypotheses: () => [],
            act: () => undefined,
          },
          rails: [{ name: 'broken' } as never],
        }),
      ),
    ).toThrow();
  });

  it('works on the global no-op providers', async () => {
    const telemetry = createGuardloopTelemetry();
    const loop = createLoop(
      telemetry.instrumentLoop({
        steps: {
          classifyIntent: () => ({ label: 'x', confidence: 1 }),
          proposeHypotheses: () => [],
          act: () => undefined,
        },
      }),
    );
    expect((await loop.handle(signal('t-noop'), { actor: agent })).status).toBe('escalated');
    expect(createUndoLog).toBeTypeOf('function');
  });
});
