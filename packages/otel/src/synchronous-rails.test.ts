import { allow, createLoop, type Rail } from '@guardloop/core';
import { evaluateWith } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { attributes as a, spanNames } from './attributes';
import { createGuardloopTelemetry } from './create-guardloop-telemetry';
import { judgeOf } from './synchronous-judge';
import { agent, createBankLog, createHarness } from './test-support/telemetry-harness';

describe('rails that answer at once (evaluateWith)', () => {
  it('keep their synchronous judge through the instrumentation, span and verdict included', async () => {
    const harness = createHarness();
    const telemetry = createGuardloopTelemetry({ tracerProvider: harness.tracerProvider });
    let judged = 0;
    const quick: Rail = {
      name: 'quick',
      kind: 'deterministic',
      evaluate: evaluateWith(() => {
        judged++;
        return allow('At once.');
      }),
    };
    const waiting: Rail = {
      name: 'waiting',
      kind: 'semantic',
      evaluate: async () => allow('Later.'),
    };
    const { log } = createBankLog();
    const config = telemetry.instrumentLoop({
      actions: log,
      rails: [quick, waiting],
      steps: {
        classifyIntent: () => ({ label: 'refund', confidence: 0.9 }),
        proposeHypotheses: () => [
          {
            id: 'h-1',
            title: 'Refund',
            confidence: 0.9,
            action: { name: 'credit', input: { account: 'acme', amount: 1 } },
          },
        ],
        act: () => ({ ok: true }),
      },
    });
    expect(typeof judgeOf(config.rails?.[0] as Rail)).toBe('function');
    expect(judgeOf(config.rails?.[1] as Rail)).toBeUndefined();
    const result = await createLoop(config).handle(
      { source: 'email', kind: 'ticket', payload: {} },
      { actor: agent },
    );
    expect(result.status).toBe('acted');
    expect(judged).toBe(1);
    const span = harness.span('run_guardrail quick');
    expect(harness.parentOf(span)?.name).toBe(spanNames.decide);
    expect(span.attributes[a.verdictReason]).toBe('At once.');
    // Called from outside the engine, the instrumented rail still answers with a promise.
    await expect(
      config.rails?.[0]?.evaluate({ traceId: 't', actor: { ...agent, roles: [] } }, {} as never),
    ).resolves.toMatchObject({ verdict: 'allow' });
  });
});
