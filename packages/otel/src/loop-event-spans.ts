import type { LoopEvent, LoopStatus } from '@guardloop/core';
import {
  type Attributes,
  context,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { attributes, spanNames } from './attributes';
import {
  artifactVersions,
  endSpan,
  failSpan,
  nonRecordingSpan,
  setDefined,
  startSpan,
} from './span-helpers';
import type { TelemetryRuntime } from './telemetry-runtime';
import type { TraceRecord } from './trace-registry';

const finalStatus: Partial<Record<LoopEvent['type'], LoopStatus>> = {
  'loop.acted': 'acted',
  'loop.escalated': 'escalated',
  'loop.rejected': 'rejected',
  'loop.failed': 'failed',
  'loop.completed': 'completed',
};

/**
 * The root of a run: a new trace for `handle()`, a linked one for `loop.resume` days later. Its
 * attributes go in at the start, in one object: the SDK cleans a start object once, where every
 * later `setAttribute` is a call of its own.
 */
function openRoot(
  runtime: TelemetryRuntime,
  event: LoopEvent,
  name: string,
  rootAttributes: Attributes,
): TraceRecord {
  const known = runtime.traces.get(event.traceId);
  rootAttributes[attributes.traceId] = event.traceId;
  const root = startSpan(runtime, name, {
    startTime: event.at,
    attributes: rootAttributes,
    // A new root: with no parent the tracer starts a new OTel trace.
    ...(known ? { links: [{ context: known.spanContext }] } : {}),
  });
  const record: TraceRecord = known
    ? { ...known, root }
    : { spanContext: root.spanContext(), root, actions: [] };
  // No SDK behind the tracer: the root has no ids, and every child would be as empty as it is.
  record.disabled = !root.isRecording() && !trace.isSpanContextValid(root.spanContext());
  record.rootContext = record.disabled ? undefined : trace.setSpan(context.active(), root);
  runtime.traces.set(event.traceId, record);
  return record;
}

/** Where a child goes: under the root (default) or the decide span, at a time and with attributes. */
export interface ChildOptions {
  underDecide?: boolean;
  startTime?: number;
  attributes?: Attributes;
}

const underRoot: ChildOptions = {};

/**
 * A child of the run's root (or of its decide span) in the context cached for the run. Straight to
 * the tracer with one options object: this runs for every step and rail.
 */
export function startChild(
  runtime: TelemetryRuntime,
  record: TraceRecord | undefined,
  name: string,
  options: ChildOptions = underRoot,
): Span {
  if (record?.disabled) return nonRecordingSpan;
  const spanOptions: SpanOptions = {
    kind: SpanKind.INTERNAL,
    startTime: options.startTime ?? runtime.clock.now(),
  };
  if (options.attributes) spanOptions.attributes = options.attributes;
  const parentContext =
    (options.underDecide ? record?.decideContext : undefined) ?? record?.rootContext;
  return runtime.tracer.startSpan(name, spanOptions, parentContext ?? context.active());
}

/** Ends the root with its status and `final` attributes, in one call. */
function closeRoot(
  runtime: TelemetryRuntime,
  record: TraceRecord,
  event: LoopEvent,
  final: Attributes = {},
) {
  const root = record.root as Span;
  final[attributes.loopStatus] = finalStatus[event.type] as LoopStatus;
  if (event.type === 'loop.failed') final[attributes.failedStep] = event.step;
  if (root.isRecording()) root.setAttributes(final);
  if (event.type === 'loop.failed') {
    failSpan(runtime, root, event.error);
  } else {
    endSpan(runtime, root, event.at);
  }
  // Only the span context stays remembered: holding ended spans would keep them from the GC.
  record.root = record.decide = record.act = record.step = undefined;
  record.rootContext = record.decideContext = undefined;
  record.stopWatching?.();
  record.stopWatching = undefined;
}

function onSignal(
  runtime: TelemetryRuntime,
  event: Extract<LoopEvent, { type: 'signal.received' }>,
) {
  const { signal, actor } = event;
  // Ids and enums only, so building them for a root the sampler drops costs next to nothing.
  const signalAttributes: Attributes = {
    [attributes.signalId]: signal.id,
    [attributes.signalSource]: signal.source,
    [attributes.signalKind]: signal.kind,
    [attributes.actorType]: actor.type,
  };
  setDefined(signalAttributes, attributes.signalTenant, signal.tenant);
  const record = openRoot(runtime, event, spanNames.loop, signalAttributes);
  const root = record.root as Span;
  if (!root.isRecording()) return;
  // Serialised and redacted only for a root that keeps it.
  const payload = runtime.payload?.(signal.payload);
  if (payload !== undefined) root.setAttribute(attributes.signalPayload, payload);
  // Intake happened before the loop saw the signal: from its receipt to the loop's start. The
  // signal's attributes are on the root only (one place, not two).
  const intake = startChild(runtime, record, spanNames.intake, {
    startTime: Math.min(signal.receivedAt, event.at),
  });
  endSpan(runtime, intake, event.at);
}

/** Spans and root attributes from the loop's events; the steps' own spans come from the wrappers. */
export function handleLoopEvent(runtime: TelemetryRuntime, event: LoopEvent) {
  if (event.type === 'signal.received') return onSignal(runtime, event);
  let record = runtime.traces.get(event.traceId);
  // A resumed run: its first event is the human decision.
  if (event.type === 'human.approved' || event.type === 'human.rejected') {
    const humanAttributes: Attributes = {
      [attributes.escalationId]: event.escalationId,
      [attributes.humanDecision]: event.human.kind,
    };
    if (record?.root === undefined)
      record = openRoot(runtime, event, spanNames.resume, humanAttributes);
    else record.root.setAttributes(humanAttributes);
  }
  const root = record?.root;
  if (!record || !root) return;
  switch (event.type) {
    // The intent and the hypotheses are on their own spans (classify, hypotheses), not the root.
    case 'intent.classified':
      runtime.metrics.intent(event.intent);
      break;
    case 'hypotheses.proposed':
      // The loop decides next exactly when a hypothesis proposes an action.
      if (event.hypotheses.some((hypothesis) => hypothesis.action !== undefined)) {
        record.decide = startChild(runtime, record, spanNames.decide, { startTime: event.at });
        if (!record.disabled)
          record.decideContext = trace.setSpan(
            record.rootContext ?? context.active(),
            record.decide,
          );
      }
      break;
    case 'decision.made': {
      const { decision, hypothesis } = event;
      const decide = record.decide;
      // On the decide span, else (no decide span) the root: one place. Attributes (and the walk
      // over the evidence for artifact versions) only for a span that keeps them.
      const target = decide ?? root;
      if (target.isRecording()) {
        const decisionAttributes: Attributes = {
          [attributes.decisionId]: decision.id,
          [attributes.decisionVerdict]: decision.verdict,
          [attributes.actionType]: decision.verdict,
        };
        setDefined(decisionAttributes, attributes.decidedBy, decision.decidedBy);
        setDefined(decisionAttributes, attributes.hypothesisId, hypothesis?.id);
        const versions = artifactVersions(hypothesis);
        if (versions.length > 0) decisionAttributes[attributes.artifactVersions] = versions;
        target.setAttributes(decisionAttributes);
      }
      if (decide) {
        endSpan(runtime, decide, event.at);
        record.decide = record.decideContext = undefined;
      }
      runtime.metrics.decision(decision);
      break;
    }
    case 'escalation.recorded':
      root.setAttribute(attributes.escalationId, event.escalationId);
      break;
    case 'loop.escalated': {
      const { escalation } = event;
      const escalationAttributes: Attributes = { [attributes.escalationStep]: escalation.step };
      setDefined(escalationAttributes, attributes.escalationRail, escalation.rail);
      setDefined(escalationAttributes, attributes.escalationId, event.escalationId);
      // Without an inbox nothing wrapped the escalation: mark the moment it happened.
      if (event.escalationId === undefined) {
        const span = startChild(runtime, record, spanNames.escalate, {
          startTime: event.at,
          attributes: escalationAttributes,
        });
        endSpan(runtime, span, event.at);
      }
      runtime.metrics.run('escalated', escalation);
      // Copied: the escalate span above keeps its own object.
      closeRoot(runtime, record, event, { ...escalationAttributes });
      break;
    }
    case 'loop.failed':
      if (event.step === 'decide' && record.decide) {
        failSpan(runtime, record.decide, event.error);
        record.decide = undefined;
      }
      runtime.metrics.run('failed');
      closeRoot(runtime, record, event);
      break;
    case 'loop.acted':
    case 'loop.rejected':
    case 'loop.completed':
      runtime.metrics.run(finalStatus[event.type] as LoopStatus);
      closeRoot(runtime, record, event);
      break;
    default:
      break;
  }
}

/** Ends whatever a forgotten (evicted) trace left open, so no span leaks. */
export function abandonTrace(record: TraceRecord) {
  for (const span of [record.step, record.decide, record.act, record.root]) {
    if (span?.isRecording()) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'abandoned' });
      span.end();
    }
  }
}
