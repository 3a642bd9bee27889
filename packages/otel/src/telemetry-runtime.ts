import type { Clock } from '@guardloop/core';
import type { SpanContext, Tracer } from '@opentelemetry/api';
import type { LoopMetrics } from './loop-metrics';
import type { TelemetryLogger } from './telemetry-options';
import type { BoundedMap, TraceRecord } from './trace-registry';

/** What every part of the instrumentation shares. */
export interface TelemetryRuntime {
  tracer: Tracer;
  clock: Clock;
  /** By guardloop trace id. */
  traces: BoundedMap<TraceRecord>;
  /** Undo-log action spans by record id, for the undo's link. */
  actions: BoundedMap<SpanContext>;
  metrics: LoopMetrics;
  logger: TelemetryLogger | undefined;
  /** The redacted payload text, when the host opted in. */
  payload: ((payload: unknown) => string | undefined) | undefined;
}
