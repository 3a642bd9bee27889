import type { Clock } from '@guardloop/core';
import { createGuardloopTelemetry, type GuardloopTelemetry } from '@guardloop/otel';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { createSeededIdGenerator } from './seeded-id-generator';

export interface DemoTelemetry {
  /** Telemetry on the help desk's simulated clock: span times are simulated times. */
  attach(clock: Clock): GuardloopTelemetry;
  /** Every span finished so far, in the order they ended. */
  spans(): ReadableSpan[];
}

/**
 * What a host sets up once: an OTel SDK tracer provider (here in memory, seeded ids) and the
 * guardloop telemetry on it. A deployment would use a BatchSpanProcessor and an OTLP exporter.
 */
export function createDemoTelemetry(options: { seed: number }): DemoTelemetry {
  // Nested spans across awaits (an AI SDK model call under its classify span); false when a
  // context manager is registered already, which is fine.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'helpdesk-demo' }),
    idGenerator: createSeededIdGenerator(options.seed),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  return {
    attach: (clock) => createGuardloopTelemetry({ tracerProvider, clock }),
    spans: () => exporter.getFinishedSpans(),
  };
}
