import type { Clock } from '@guardloop/core';
import { createGuardloopTelemetry, type GuardloopTelemetry } from '@guardloop/otel';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

export interface ConsoleTelemetry {
  telemetry: GuardloopTelemetry;
  /** The finished spans still kept, oldest first. */
  spans(): ReadableSpan[];
}

/** Spans kept for the Ticket page's waterfall: about the last few hundred tickets. */
export const defaultMaxSpans = 5000;

/**
 * The SDK's in-memory exporter, capped: a console left running for days must not keep every
 * span it ever saw. Past the cap the oldest half is dropped at once (cheap, and rare).
 */
function createCappedExporter(maxSpans: number) {
  const memory = new InMemorySpanExporter();
  const exporter: SpanExporter = {
    export(spans, resultCallback) {
      memory.export(spans, resultCallback);
      const kept = memory.getFinishedSpans();
      if (kept.length <= maxSpans) return;
      const newest = kept.slice(-Math.floor(maxSpans / 2));
      memory.reset();
      memory.export(newest, () => {});
    },
    shutdown: () => memory.shutdown(),
    forceFlush: () => memory.forceFlush(),
  };
  return { exporter, spans: () => memory.getFinishedSpans() };
}

/**
 * What a host sets up once: an OTel SDK tracer provider and guardloop's telemetry on it, on the
 * console's clock (span times are the simulation's times). A deployment would export OTLP.
 */
export function createConsoleTelemetry(
  clock: Clock,
  options: { maxSpans?: number } = {},
): ConsoleTelemetry {
  const capped = createCappedExporter(options.maxSpans ?? defaultMaxSpans);
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: capped.exporter })],
  });
  return {
    telemetry: createGuardloopTelemetry({ tracerProvider, clock, maxTraces: 2000 }),
    spans: capped.spans,
  };
}
