import type { Hypothesis } from '@guardloop/core';
import {
  type Attributes,
  type AttributeValue,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  type Link,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { attributes } from './attributes';
import type { TelemetryRuntime } from './telemetry-runtime';

export interface StartSpanOptions {
  parent?: Span | undefined;
  /** The parent as a ready context (a run's cached root or decide context): no lookup, no copy. */
  parentContext?: Context | undefined;
  attributes?: Attributes;
  links?: Link[];
  startTime?: number;
  kind?: SpanKind;
}

/** What a run without a tracer hands out: records nothing, costs nothing. */
export const nonRecordingSpan: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Starts `name` under `parent` (else the active context), timed by the telemetry clock. */
export function startSpan(runtime: TelemetryRuntime, name: string, options: StartSpanOptions = {}) {
  const parentContext =
    options.parentContext ??
    (options.parent ? trace.setSpan(context.active(), options.parent) : context.active());
  // Built field by field: object spreads per span showed in the profile.
  const spanOptions: SpanOptions = {
    kind: options.kind ?? SpanKind.INTERNAL,
    startTime: options.startTime ?? runtime.clock.now(),
  };
  if (options.attributes) spanOptions.attributes = options.attributes;
  if (options.links && options.links.length > 0) spanOptions.links = options.links;
  return runtime.tracer.startSpan(name, spanOptions, parentContext);
}

/** Runs `run` with `span` active, so spans started inside (AI SDK model calls...) nest under it. */
export function withSpan<T>(span: Span, run: () => T, parentContext?: Context): T {
  // A span that records nothing (no SDK, or sampled out) has no children worth a context switch.
  if (!span.isRecording()) return run();
  return context.with(trace.setSpan(parentContext ?? context.active(), span), run);
}

export function endSpan(runtime: TelemetryRuntime, span: Span, endTime?: number) {
  // Already ended (a rail span ends when the engine stops waiting, before the rail settles).
  if (!span.isRecording()) return;
  span.end(endTime ?? runtime.clock.now());
}

export function failSpan(runtime: TelemetryRuntime, span: Span, error: unknown) {
  if (!span.isRecording()) return;
  if (error instanceof Error) span.recordException(error, runtime.clock.now());
  const code = (error as { code?: unknown } | null)?.code;
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: typeof code === 'string' ? code : error instanceof Error ? error.name : 'error',
  });
  endSpan(runtime, span);
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

function finish<Output>(
  runtime: TelemetryRuntime,
  span: Span,
  output: Output,
  annotate: ((span: Span, output: Output) => void) | undefined,
) {
  // Attributes cost only what a recording span keeps: a sampled-out span skips them.
  if (annotate && span.isRecording()) {
    try {
      annotate(span, output);
    } catch {
      // Telemetry never changes what the step returned.
    }
  }
  endSpan(runtime, span);
}

/**
 * Runs a step or rail in a span, ended when it settles and marked failed when it throws. What the
 * step returned is returned as it is, the span ended on a side branch: a wrapping promise would
 * cost a microtask, and the rail engine gives a timer to every rail that does not answer within
 * one (a synchronous result stays synchronous for the same reason). `annotate` runs only for a
 * recording span; `parentContext` is the context `span` was started in, when the caller has it.
 */
export function traced<T>(
  runtime: TelemetryRuntime,
  span: Span,
  run: () => T,
  annotate?: (span: Span, output: Awaited<T>) => void,
  parentContext?: Context,
): T {
  let output: T;
  try {
    output = withSpan(span, run, parentContext);
  } catch (error) {
    failSpan(runtime, span, error);
    throw error;
  }
  if (isThenable(output)) {
    // The side branch handles the rejection itself: the caller still gets it from `output`.
    output.then(
      (value) => finish(runtime, span, value as Awaited<T>, annotate),
      (error: unknown) => failSpan(runtime, span, error),
    );
    return output;
  }
  finish(runtime, span, output as Awaited<T>, annotate);
  return output;
}

/** Only scalars and arrays of strings go into attributes: never whole objects (they may hold PII). */
export function setDefined(target: Attributes, key: string, value: unknown) {
  if (typeof value === 'string' || typeof value === 'boolean') target[key] = value;
  else if (typeof value === 'number' && Number.isFinite(value)) target[key] = value;
  else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    target[key] = value as AttributeValue;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `id@version` of every versioned artifact a hypothesis rests on: evidence values (or the action
 * input) shaped `{ artifactId | id, version }`, as the artifact registry hands them out.
 */
export function artifactVersions(hypothesis: Hypothesis | undefined): string[] {
  if (!hypothesis) return [];
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (!isRecord(value)) return;
    const id = value.artifactId ?? (value.version !== undefined ? value.id : undefined);
    const version = value.version ?? value.artifactVersion;
    if (typeof id === 'string' && (typeof version === 'number' || typeof version === 'string'))
      found.add(`${id}@${version}`);
  };
  for (const evidence of hypothesis.evidence ?? []) visit(evidence.value);
  visit(hypothesis.action?.input);
  return [...found].sort();
}

/** Policy, rule and version attributes from a rail's evidence (the rules rail reports them). */
export function policyAttributes(evidence: unknown): Attributes {
  const result: Attributes = {};
  if (!isRecord(evidence)) return result;
  const rule = isRecord(evidence.rule) ? evidence.rule : undefined;
  if (rule) {
    setDefined(result, attributes.policyRuleId, rule.id);
    setDefined(result, attributes.ruleVersion, rule.version);
  }
  setDefined(result, attributes.policyVersion, evidence.revision);
  setDefined(result, attributes.policyId, evidence.policy ?? evidence.rateLimit);
  setDefined(result, attributes.autonomyLevel, evidence.autonomy);
  return result;
}
