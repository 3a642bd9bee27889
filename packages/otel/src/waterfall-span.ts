import { InvalidInputError, parseInput } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { z } from 'zod';

/**
 * The fields of a finished span that `buildSpanWaterfall` reads: an SDK `ReadableSpan` (e.g.
 * from `InMemorySpanExporter.getFinishedSpans()`) is one, and so is a span read back from OTLP
 * JSON, so this package needs no SDK.
 */
export interface WaterfallSpan {
  readonly name: string;
  spanContext(): { readonly traceId: string; readonly spanId: string };
  readonly parentSpanContext?: { readonly spanId: string } | undefined;
  /** `[seconds, nanoseconds]`, as OpenTelemetry's `HrTime`. */
  readonly startTime: readonly [number, number];
  readonly endTime: readonly [number, number];
  /** `SpanStatusCode`: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: number };
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly links: readonly { readonly context: { readonly spanId: string } }[];
}

/** A span with its context read once, as the builder walks it. */
export interface ReadSpan {
  span: WaterfallSpan;
  traceId: string;
  spanId: string;
  startMs: number;
  endMs: number;
}

const subject = 'buildSpanWaterfall spans';
const hrTime = z.tuple([z.number(), z.number()]).readonly();
const spanSchema = z.object({
  name: z.string(),
  spanContext: z.custom<() => unknown>((value) => typeof value === 'function', 'Expected a method'),
  parentSpanContext: z.object({ spanId: z.string() }).optional(),
  startTime: hrTime,
  endTime: hrTime,
  status: z.object({ code: z.number() }),
  attributes: z.record(z.string(), z.unknown()),
  links: z.array(z.object({ context: z.object({ spanId: z.string() }) })).readonly(),
});
const spansSchema = z.array(spanSchema).readonly();
const contextSchema = z.object({ traceId: z.string().min(1), spanId: z.string().min(1) });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isHrTime = (value: unknown) =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isFinite(value[0]) &&
  Number.isFinite(value[1]);
const hasSpanId = (value: unknown) => isObject(value) && typeof value.spanId === 'string';
// The schema's checks by hand: a host may draw many waterfalls over one large list of spans,
// and well-formed spans (nearly all of them) then skip zod, which only reports on the others.
const isPlainSpan = (value: unknown) =>
  isObject(value) &&
  typeof value.name === 'string' &&
  typeof value.spanContext === 'function' &&
  (value.parentSpanContext === undefined || hasSpanId(value.parentSpanContext)) &&
  isHrTime(value.startTime) &&
  isHrTime(value.endTime) &&
  isObject(value.status) &&
  Number.isFinite(value.status.code) &&
  isObject(value.attributes) &&
  !Array.isArray(value.attributes) &&
  Array.isArray(value.links) &&
  value.links.every((link: unknown) => isObject(link) && hasSpanId(link.context));

const allPlain = (spans: unknown) => {
  try {
    return Array.isArray(spans) && spans.every(isPlainSpan);
  } catch {
    return false; // a getter that throws: zod says where
  }
};
const isContext = (value: unknown): value is { traceId: string; spanId: string } =>
  isObject(value) &&
  typeof value.traceId === 'string' &&
  value.traceId !== '' &&
  typeof value.spanId === 'string' &&
  value.spanId !== '';

const toMs = ([seconds, nanos]: readonly [number, number]) => seconds * 1000 + nanos / 1e6;

/**
 * Checks `spans` and reads each one's context and times.
 * @throws InvalidInputError (`invalid_input`) for anything that is not a list of spans
 */
export function readSpans(spans: readonly WaterfallSpan[]): ReadSpan[] {
  if (!allPlain(spans)) parseInput(spansSchema, spans, subject);
  return spans.map((span, index) => {
    let context: unknown;
    try {
      context = span.spanContext();
    } catch (error) {
      throw new InvalidInputError({
        subject,
        issues: [{ path: `${index}.spanContext`, message: `threw (${describeThrown(error)})` }],
        cause: error,
      });
    }
    const { traceId, spanId } = isContext(context)
      ? context
      : parseInput(contextSchema, context, `${subject} ${index} context`);
    return { span, traceId, spanId, startMs: toMs(span.startTime), endMs: toMs(span.endTime) };
  });
}
