import { type LoopConfig, type LoopEvent, parseInput, systemClock } from '@guardloop/core';
import { metrics, type SpanContext, trace } from '@opentelemetry/api';
import { z } from 'zod';
import { instrumentationScope } from './attributes';
import { logLoopEvent } from './event-log';
import { instrumentLoopConfig } from './instrument-loop-config';
import { type InstrumentableUndoLog, instrumentUndoLog } from './instrument-undo-log';
import { abandonTrace, handleLoopEvent } from './loop-event-spans';
import { createLoopMetrics } from './loop-metrics';
import {
  type InstrumentableOutcomeRecorder,
  instrumentOutcomeRecorder,
  recordOutcomeSpan,
  type TelemetryOutcome,
} from './outcome-spans';
import { type GuardloopTelemetryOptions, telemetryOptionsSchema } from './telemetry-options';
import type { TelemetryRuntime } from './telemetry-runtime';
import { createBoundedMap, type TraceRecord } from './trace-registry';

export interface GuardloopTelemetry {
  /**
   * The loop config with every step, rail and the inbox in spans and the events traced, metered
   * and logged: `createLoop(telemetry.instrumentLoop(config))`. The host's `onEvent` still runs.
   * @throws InvalidInputError (`invalid_input`) when `config` is not an object with `steps`
   */
  instrumentLoop(config: LoopConfig): LoopConfig;
  /** The loop event handler alone (already wired by `instrumentLoop`); never throws. */
  onEvent(event: LoopEvent): void;
  /**
   * An `UndoLog` whose runs, undos and trace undos are spans (undos linked to the action span).
   * Pass it to `createActStep` and to the inbox.
   * @throws InvalidInputError (`invalid_input`) for anything without `run`, `undo` and `undoTrace`
   */
  instrumentUndoLog<UndoLog extends InstrumentableUndoLog>(undoLog: UndoLog): UndoLog;
  /**
   * An outcome recorder (`createOutcomeRecorder` of `@guardloop/feedback`, or the inbox's
   * `feedback`) whose new outcomes are spans linked to their decision trace.
   * @throws InvalidInputError (`invalid_input`) for anything without `record`
   */
  instrumentOutcomeRecorder<Recorder extends InstrumentableOutcomeRecorder>(
    recorder: Recorder,
  ): Recorder;
  /**
   * Records one outcome span (linked to the decision trace) without a recorder.
   * @throws InvalidInputError (`invalid_input`) without a `type` and `traceId`
   */
  recordOutcome(outcome: TelemetryOutcome): void;
  /**
   * The root span context of a guardloop trace (its OTel trace id is `traceId` of it), while
   * remembered (the last `maxTraces` traces, the oldest forgotten first).
   */
  spanContextOf(traceId: string): SpanContext | undefined;
}

const withMethods = (methods: string[], message: string) =>
  z.custom<never>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    message,
  );
const loopConfigSchema = z.looseObject({ steps: z.looseObject({}) });
const undoLogSchema = withMethods(['run', 'undo', 'undoTrace'], 'Expected an UndoLog');
const recorderSchema = withMethods(['record'], 'Expected an outcome recorder with record()');
const outcomeSchema = z.looseObject({
  type: z.string().min(1),
  traceId: z.string().min(1),
  id: z.string().optional(),
  at: z.number().nonnegative().optional(),
});

function payloadRecorder(options: GuardloopTelemetryOptions['recordPayload']) {
  if (!options) return undefined;
  const { redact, maxLength = 2048 } = options;
  return (payload: unknown) => {
    try {
      return redact(JSON.stringify(payload)).slice(0, maxLength);
    } catch {
      // Unserializable or a failing redactor: record nothing rather than something unredacted.
      return undefined;
    }
  };
}

/**
 * OpenTelemetry for a guardloop deployment: spans for the loop, its steps, rails, actions and
 * escalations, outcome spans linked to their decision, metrics and structured logs. Uses only
 * `@opentelemetry/api`: the host's SDK decides where spans and metrics go.
 * @throws InvalidInputError (`invalid_input`) for malformed options
 */
export function createGuardloopTelemetry(options?: GuardloopTelemetryOptions): GuardloopTelemetry {
  const parsed = (parseInput(telemetryOptionsSchema, options, 'telemetry options') ??
    {}) as unknown as GuardloopTelemetryOptions;
  const tracer =
    parsed.tracer ??
    (parsed.tracerProvider ?? trace.getTracerProvider()).getTracer(instrumentationScope);
  const meter =
    parsed.meter ??
    (parsed.meterProvider ?? metrics.getMeterProvider()).getMeter(instrumentationScope);
  const maxTraces = parsed.maxTraces ?? 10_000;
  const runtime: TelemetryRuntime = {
    tracer,
    clock: parsed.clock ?? systemClock,
    traces: createBoundedMap<TraceRecord>(maxTraces, abandonTrace),
    actions: createBoundedMap(maxTraces),
    metrics: createLoopMetrics(meter),
    logger: parsed.logger,
    payload: payloadRecorder(parsed.recordPayload),
  };

  const onEvent = (event: LoopEvent) => {
    try {
      handleLoopEvent(runtime, event);
      if (runtime.logger)
        logLoopEvent(runtime.logger, event, runtime.traces.get(event.traceId)?.spanContext.traceId);
    } catch {
      // Telemetry never breaks a run.
    }
  };

  return {
    instrumentLoop(config) {
      parseInput(loopConfigSchema, config, 'loop config');
      return instrumentLoopConfig(runtime, config, onEvent);
    },
    onEvent,
    instrumentUndoLog(undoLog) {
      parseInput(undoLogSchema, undoLog, 'undo log');
      return instrumentUndoLog(runtime, undoLog);
    },
    instrumentOutcomeRecorder(recorder) {
      parseInput(recorderSchema, recorder, 'outcome recorder');
      return instrumentOutcomeRecorder(runtime, recorder);
    },
    recordOutcome(outcome) {
      recordOutcomeSpan(runtime, parseInput(outcomeSchema, outcome, 'outcome') as TelemetryOutcome);
    },
    spanContextOf(traceId) {
      return typeof traceId === 'string' ? runtime.traces.get(traceId)?.spanContext : undefined;
    },
  };
}
