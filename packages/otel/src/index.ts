// Public root of @guardloop/otel.

// Names: every span, attribute and metric name, in one place
export {
  attributes,
  instrumentationScope,
  metricNames,
  runGuardrailOperation,
  spanNames,
} from './attributes';
// Telemetry
export { createGuardloopTelemetry, type GuardloopTelemetry } from './create-guardloop-telemetry';
export type { InstrumentableUndoLog } from './instrument-undo-log';
export type { InstrumentableOutcomeRecorder, TelemetryOutcome } from './outcome-spans';
// Span waterfall: one guardloop trace drawn from finished spans, for a report or a console
export {
  buildSpanWaterfall,
  type SpanWaterfall,
  type SpanWaterfallOptions,
  type SpanWaterfallRow,
  type WaterfallSpan,
} from './span-waterfall';
export type {
  GuardloopTelemetryOptions,
  RecordPayloadOptions,
  TelemetryLogger,
} from './telemetry-options';
