// The README example, run: the names it prints are the ones the package emits.
import { allow, createLoop } from '@guardloop/core';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { expect, it } from 'vitest';
import { createGuardloopTelemetry, spanNames } from './index';

it('runs the README example', async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const telemetry = createGuardloopTelemetry({ tracerProvider });
  const loop = createLoop(
    telemetry.instrumentLoop({
      rails: [{ name: 'policy', kind: 'deterministic', evaluate: () => allow('Within policy.') }],
      steps: {
        classifyIntent: () => ({ label: 'refund', confidence: 0.92, classifier: 'intent-v2' }),
        proposeHypotheses: () => [
          {
            id: 'h-1',
            title: 'Refund the duplicate charge',
            confidence: 0.8,
            action: { name: 'refund', input: { orderId: 'o-1' }, reversible: true },
          },
        ],
        act: () => ({ refunded: true }),
      },
    }),
  );
  const result = await loop.handle(
    { source: 'email', kind: 'ticket', payload: { body: 'I was charged twice' } },
    { actor: { id: 'assistant', type: 'ai', roles: ['agent'] } },
  );
  expect(result.status).toBe('acted');
  expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
    'guardloop.intake',
    'guardloop.classify',
    'guardloop.hypotheses',
    'run_guardrail policy',
    'guardloop.decide',
    'guardloop.act',
    'guardloop.loop',
  ]);
  const root = exporter.getFinishedSpans().find((span) => span.name === spanNames.loop);
  expect(telemetry.spanContextOf(result.traceId)?.spanId).toBe(root?.spanContext().spanId);
});
