import type { Clock } from '@guardloop/core';
import { clockSchema } from '@guardloop/core/internal';
import type { Meter, MeterProvider, Tracer, TracerProvider } from '@opentelemetry/api';
import { z } from 'zod';

/** Structured logs of the same events, pino-compatible: `logger.info({ traceId, ... }, 'message')`. */
export interface TelemetryLogger {
  debug(fields: Record<string, unknown>, message?: string): void;
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** Opt-in recording of the signal payload: only ever redacted (e.g. `redactPii` of `@guardloop/semantic`). */
export interface RecordPayloadOptions {
  redact: (text: string) => string;
  /** Longer redacted payloads are cut. Default 2 048 characters. */
  maxLength?: number;
}

export interface GuardloopTelemetryOptions {
  /** Default: `tracerProvider`'s tracer, else the global one (`trace.getTracer`). */
  tracer?: Tracer;
  tracerProvider?: TracerProvider;
  /** Default: `meterProvider`'s meter, else the global one (`metrics.getMeter`). */
  meter?: Meter;
  meterProvider?: MeterProvider;
  logger?: TelemetryLogger;
  /** Span times; pass the loop's clock so spans and events agree. Default: the system clock. */
  clock?: Clock;
  /** The signal payload is never recorded unless this is set. Default false. */
  recordPayload?: false | RecordPayloadOptions;
  /**
   * Traces whose span context is remembered for linking later outcomes, undos and resumed runs
   * (the oldest are forgotten first). Default 10 000.
   */
  maxTraces?: number;
}

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function');
const withMethods = (methods: string[], message: string) =>
  z.custom<never>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    message,
  );

export const telemetryOptionsSchema = z
  .strictObject({
    tracer: withMethods(['startSpan'], 'Expected an OpenTelemetry Tracer').optional(),
    tracerProvider: withMethods(['getTracer'], 'Expected a TracerProvider').optional(),
    meter: withMethods(
      ['createCounter', 'createGauge'],
      'Expected an OpenTelemetry Meter',
    ).optional(),
    meterProvider: withMethods(['getMeter'], 'Expected a MeterProvider').optional(),
    logger: withMethods(
      ['debug', 'info', 'warn', 'error'],
      'Expected a logger with debug, info, warn and error',
    ).optional(),
    clock: clockSchema.optional(),
    recordPayload: z
      .union([
        z.literal(false),
        z.object({ redact: fn, maxLength: z.number().int().positive().optional() }),
      ])
      .optional(),
    maxTraces: z.number().int().positive().optional(),
  })
  .optional();
