import { allow, createLoop, type LoopConfig, type Rail } from '@guardloop/core';
import { INVALID_SPAN_CONTEXT, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { AlwaysOffSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createGuardloopTelemetry } from './create-guardloop-telemetry';
import { agent, createBankLog } from './test-support/telemetry-harness';

const sampledOut: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 0,
};

/** A tracer whose spans record nothing, counting what the instrumentation asks of them. */
function countingTracer(spanContext: SpanContext) {
  const calls = { startSpan: 0, setAttribute: 0, setAttributes: 0, end: 0 };
  const span: Span = {
    spanContext: () => spanContext,
    isRecording: () => false,
    setAttribute: () => {
      calls.setAttribute++;
      return span;
    },
    setAttributes: () => {
      calls.setAttributes++;
      return span;
    },
    addEvent: () => span,
    addLink: () => span,
    addLinks: () => span,
    setStatus: () => span,
    updateName: () => span,
    end: () => void calls.end++,
    recordException: () => undefined,
  };
  const tracer = {
    startSpan: () => {
      calls.startSpan++;
      return span;
    },
    startActiveSpan: () => {
      throw new Error('not used');
    },
  } as unknown as Tracer;
  return { tracer, calls };
}

// Evidence the telemetry would read for policy attributes, if it read it.
let evidenceReads = 0;
const rules: Rail = {
  name: 'rules',
  kind: 'deterministic',
  evaluate: () =>
    allow('no rule matched', {
      get revision() {
        evidenceReads++;
        return 1;
      },
    }),
};

function loopWith(telemetry: ReturnType<typeof createGuardloopTelemetry> | undefined) {
  const { log } = createBankLog();
  const config: LoopConfig = {
    actions: log,
    rails: [rules, { name: 'intent', kind: 'semantic', evaluate: async () => allow('in scope') }],
    steps: {
      classifyIntent: () => ({ label: 'refund', confidence: 0.9, classifier: 'local' }),
      proposeHypotheses: () => [
        {
          id: 'h-1',
          title: 'Credit',
          confidence: 0.9,
          action: { name: 'credit', input: { account: 'acme', amount: 1 } },
        },
      ],
      act: async () => ({ ok: true }),
    },
  };
  return createLoop(telemetry ? telemetry.instrumentLoop(config) : config);
}

const signal = { source: 'email', kind: 'ticket' as const, payload: { body: 'Refund me' } };

describe('spans that record nothing', () => {
  it('skip attribute work, evidence reads and payload serialisation when sampled out', async () => {
    const { tracer, calls } = countingTracer(sampledOut);
    let redactions = 0;
    const telemetry = createGuardloopTelemetry({
      tracer,
      recordPayload: {
        redact: (text) => {
          redactions++;
          return text;
        },
      },
    });
    const before = evidenceReads;
    const result = await loopWith(telemetry).handle(signal, { actor: agent });
    expect(result.status).toBe('acted');
    // Root, classify, hypotheses, decide, two rails, act: still started, for the sampler to decide;
    // the intake span (made up after the fact) is not, under a root that records nothing.
    expect(calls.startSpan).toBe(7);
    expect(calls.setAttribute + calls.setAttributes).toBe(0);
    expect(redactions).toBe(0);
    // The loop itself reads the evidence; the telemetry adds no read of its own.
    const instrumentedReads = evidenceReads - before;
    const plain = evidenceReads;
    await loopWith(undefined).handle(signal, { actor: agent });
    expect(instrumentedReads).toBe(evidenceReads - plain);
  });

  it('start no child spans in a run whose root has no ids (API only, no SDK registered)', async () => {
    const { tracer, calls } = countingTracer(INVALID_SPAN_CONTEXT);
    const loop = loopWith(createGuardloopTelemetry({ tracer }));
    const result = await loop.handle(signal, { actor: agent });
    expect(result.status).toBe('acted');
    expect(calls.startSpan).toBe(1);
    await loop.handle(signal, { actor: agent });
    expect(calls.startSpan).toBe(2);
  });

  it('keep working with an SDK sampler that drops every span', async () => {
    const telemetry = createGuardloopTelemetry({
      tracerProvider: new TracerProvider({ sampler: new AlwaysOffSampler() }),
    });
    const result = await loopWith(telemetry).handle(signal, { actor: agent });
    expect(result.status).toBe('acted');
  });
});
