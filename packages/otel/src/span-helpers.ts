import type { Hypothesis } from '@guardloop/core';
import {
  type Attributes,
  type AttributeValue,
  type Context,
  context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { attributes } from './attributes';
import type { TelemetryRuntime } from './telemetry-runtime';

export interface StartSpanOptions {
  parent?: Span | undefined;
  attributes?: Attributes;
  links?: Link[];
  startTime?: number;
  kind?: SpanKind;
}

/** Starts `name` under `parent` (else the active context), timed by the telemetry clock. */
export function startSpan(runtime: TelemetryRuntime, name: string, options: StartSpanOptions = {}) {
  const active = context.active();
  const parentContext = options.parent ? trace.setSpan(active, options.parent) : active;
  return runtime.tracer.startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      startTime: options.startTime ?? runtime.clock.now(),
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.links && options.links.length > 0 ? { links: options.links } : {}),
    },
    parentContext,
  );
}

/** Runs `run` with `span` active, so spans started inside (AI SDK model calls...) nest under it. */
export function withSpan<T>(span: Span, run: () => T): T {
  // A span that records nothing (no SDK, or sampled out) has no children worth a context switch.
  if (!span.isRecording()) return run();
  return context.with(trace.setSpan(context.active() as Context, span), run);
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

/**
 * Runs a step or rail in a span, ended when it settles and marked failed when it throws. What the
 * step returned is returned as it is, the span ended on a side branch: a wrapping promise would
 * cost a microtask, and the rail engine gives a timer to every rail that does not answer within
 * one (a synchronous result stays synchronous for the same reason).
 */
export function traced<T>(
  runtime: TelemetryRuntime,
  span: Span,
  run: () => T,
  annotate?: (output: Awaited<T>) => void,
): T {
  const finish = (output: Awaited<T>) => {
    try {
      annotate?.(output);
    } catch {
      // Telemetry never changes what the step returned.
    }
    endSpan(runtime, span);
  };
  let output: T;
  try {
    output = withSpan(span, run);
  } catch (error) {
    failSpan(runtime, span, error);
    throw error;
  }
  if (isThenable(output)) {
    // The side branch handles the rejection itself: the caller still gets it from `output`.
    output.then(finish as (value: unknown) => void, (error: unknown) =>
      failSpan(runtime, span, error),
    );
    return output;
  }
  finish(output as Awaited<T>);
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
