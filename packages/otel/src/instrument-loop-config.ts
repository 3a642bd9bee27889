import type {
  ActionCatalog,
  Hypothesis,
  LoopConfig,
  LoopEscalationSink,
  LoopEvent,
  LoopStepInput,
  LoopSteps,
  Rail,
  RailContext,
  RailVerdict,
  StepOptions,
} from '@guardloop/core';
import { evaluateWith, type SynchronousEvaluate } from '@guardloop/core/internal';
import type { Attributes, Span } from '@opentelemetry/api';
import { attributes, runGuardrailOperation, spanNames } from './attributes';
import { abandonTrace, type ChildOptions, startChild } from './loop-event-spans';
import { artifactVersions, policyAttributes, setDefined, startSpan, traced } from './span-helpers';
import { judgeOf } from './synchronous-judge';
import type { TelemetryRuntime } from './telemetry-runtime';
import type { TraceRecord } from './trace-registry';

const underDecide: ChildOptions = { underDecide: true };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The open runs watched per abort signal, behind one listener per signal. */
const watchedRuns = new WeakMap<AbortSignal, Set<TraceRecord>>();

function abandonRun(record: TraceRecord) {
  abandonTrace(record);
  record.root = record.decide = record.act = record.step = undefined;
  record.rootContext = record.decideContext = undefined;
}

/**
 * An aborted `handle()` emits no final event: its spans end when the abort comes. One listener
 * per signal, not per run: EventTarget listeners are not free, and a host that passes no signal
 * gives every run the loop's same never-aborted one. The run leaves the set when its root ends.
 */
function endOnAbort(record: TraceRecord | undefined, options: StepOptions) {
  const signal = options?.abortSignal;
  if (!(signal instanceof AbortSignal) || !record?.root || record.disabled || record.stopWatching)
    return;
  let runs = watchedRuns.get(signal);
  if (!runs) {
    const created = new Set<TraceRecord>();
    runs = created;
    watchedRuns.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        for (const run of created) abandonRun(run);
        created.clear();
      },
      { once: true },
    );
  }
  const watching = runs;
  watching.add(record);
  record.stopWatching = () => watching.delete(record);
}

function hypothesisAttributes(hypothesis: Hypothesis | undefined, catalog?: ActionCatalog) {
  const result: Attributes = {};
  if (!hypothesis) return result;
  result[attributes.hypothesisId] = hypothesis.id;
  result[attributes.hypothesisConfidence] = hypothesis.confidence;
  const action = hypothesis.action;
  if (action) {
    result[attributes.actionName] = action.name;
    setDefined(result, attributes.idempotencyKey, action.idempotencyKey);
    setDefined(result, attributes.actionDryRun, action.dryRun);
    let reversible: unknown = action.reversible;
    try {
      reversible = catalog?.describeAction(action.name)?.reversible ?? reversible;
    } catch {
      // A catalog that throws tells nothing; the loop reports it itself.
    }
    setDefined(result, attributes.actionReversible, reversible);
  }
  const versions = artifactVersions(hypothesis);
  if (versions.length > 0) result[attributes.artifactVersions] = versions;
  return result;
}

function instrumentSteps(runtime: TelemetryRuntime, steps: LoopSteps, catalog?: ActionCatalog) {
  const step =
    <Output>(
      name: string,
      run: (input: LoopStepInput, options: StepOptions) => Output | Promise<Output>,
      annotate: (span: Span, output: Awaited<Output>) => void,
      onStart?: (span: Span, input: LoopStepInput) => void,
    ) =>
    (input: LoopStepInput, options: StepOptions) => {
      const record = runtime.traces.get(input?.traceId);
      // Children carry no trace id attribute: their root has it (fewer attributes, cheaper spans).
      const span = startChild(runtime, record, name);
      endOnAbort(record, options);
      // Sampled out or no SDK: nothing to annotate, nothing to end, no context to switch.
      if (!span.isRecording()) return run(input, options);
      onStart?.(span, input);
      if (record) record.step = span;
      return traced<Output | Promise<Output>>(
        runtime,
        span,
        () => run(input, options),
        annotate,
        record?.rootContext,
      );
    };

  const instrumented: LoopSteps = {
    ...steps,
    classifyIntent: step(spanNames.classify, steps.classifyIntent, (span, intent) => {
      if (!isRecord(intent)) return;
      const intentAttributes: Attributes = {};
      setDefined(intentAttributes, attributes.intentLabel, intent.label);
      setDefined(intentAttributes, attributes.intentConfidence, intent.confidence);
      setDefined(intentAttributes, attributes.intentAbstained, intent.abstained ?? false);
      setDefined(intentAttributes, attributes.classifier, intent.classifier);
      setDefined(intentAttributes, attributes.classifierCalibrated, intent.calibrated);
      span.setAttributes(intentAttributes);
    }),
    proposeHypotheses: step(spanNames.hypotheses, steps.proposeHypotheses, (span, hypotheses) => {
      if (Array.isArray(hypotheses))
        span.setAttribute(attributes.hypothesisCount, hypotheses.length);
    }),
    act: step(
      spanNames.act,
      steps.act,
      (span, result) => {
        // An undo-log RunResult (createActStep's default result): the record it wrote.
        if (isRecord(result)) {
          const runAttributes: Attributes = {};
          setDefined(runAttributes, attributes.actionRecordId, result.actionId);
          setDefined(runAttributes, attributes.actionReplayed, result.replayed);
          span.setAttributes(runAttributes);
        }
      },
      (span, input) => {
        span.setAttributes(hypothesisAttributes(input?.hypothesis, catalog));
        const record = runtime.traces.get(input?.traceId);
        if (record) record.act = span;
      },
    ),
  };
  // Anything but functions is left for createLoop to refuse.
  for (const name of ['classifyIntent', 'proposeHypotheses', 'act'] as const) {
    if (typeof steps[name] !== 'function')
      (instrumented as unknown as Record<string, unknown>)[name] = steps[name];
  }
  const { decide } = steps;
  if (typeof decide === 'function') {
    // A custom decide runs inside the decide span the loop events opened.
    instrumented.decide = (input, options) => {
      const record = runtime.traces.get(input?.traceId);
      return record?.decide
        ? traced(
            runtime,
            startChild(runtime, record, spanNames.customDecide, underDecide),
            () => decide(input, options),
            undefined,
            record.decideContext,
          )
        : decide(input, options);
    };
  }
  return instrumented;
}

/** One rail in its `gen_ai.run_guardrail.internal` span, under the trace's decide span. */
export function instrumentRail<Context extends RailContext>(
  runtime: TelemetryRuntime,
  rail: Rail<Context>,
): Rail<Context> {
  // Built once per rail, not per evaluation: the name and start attributes never change.
  const name = `${spanNames.railPrefix} ${rail.name}`;
  const start: ChildOptions = {
    underDecide: true,
    attributes: {
      [attributes.operationName]: runGuardrailOperation,
      [attributes.guardrailName]: rail.name,
      [attributes.guardrailType]: rail.kind,
    },
  };
  // A rail that answers at once (`evaluateWith`) keeps the engine's fast path through the span.
  const judge = judgeOf(rail);
  const run: SynchronousEvaluate<Context> = judge
    ? (railContext, options) => judge(railContext, options)
    : (railContext, options) => rail.evaluate(railContext, options);
  const evaluate: SynchronousEvaluate<Context> = (railContext, options) => {
    const record = runtime.traces.get(railContext?.traceId);
    const span = startChild(runtime, record, name, start);
    // Sampled out or no SDK: the rail runs as it is, its verdict never read.
    if (!span.isRecording()) return run(railContext, options);
    // Not `options.abortSignal`: the engine creates it only when a rail reads it. A rail that
    // never settles after a timeout leaves its span open; the decision span still ends.
    return traced(
      runtime,
      span,
      () => run(railContext, options),
      annotateVerdict,
      record?.decideContext ?? record?.rootContext,
    );
  };
  return {
    name: rail.name,
    kind: rail.kind,
    ...(rail.timeoutMs === undefined ? {} : { timeoutMs: rail.timeoutMs }),
    // A rail that answers at once still does, span and all; any other is called as before.
    evaluate: judge ? evaluateWith(evaluate) : evaluate,
  };
}

/** Verdict, reason, confidence and policy attributes; only called for a recording span. */
function annotateVerdict(span: Span, verdict: RailVerdict) {
  if (!isRecord(verdict)) return;
  const verdictAttributes = policyAttributes(verdict.evidence);
  verdictAttributes[attributes.railStatus] = 'completed';
  setDefined(verdictAttributes, attributes.verdictType, verdict.verdict);
  setDefined(verdictAttributes, attributes.verdictReason, verdict.reason);
  setDefined(verdictAttributes, attributes.verdictConfidence, verdict.confidence);
  span.setAttributes(verdictAttributes);
}

function instrumentInbox(runtime: TelemetryRuntime, inbox: LoopEscalationSink): LoopEscalationSink {
  const wrapped: LoopEscalationSink = {
    async escalate(input) {
      const escalationAttributes: Attributes = {};
      setDefined(escalationAttributes, attributes.escalationRail, input?.rail);
      setDefined(escalationAttributes, attributes.actionName, input?.action?.name);
      const span = startSpan(runtime, spanNames.escalate, {
        parent: runtime.traces.get(input?.traceId)?.root,
        attributes: escalationAttributes,
      });
      return traced(
        runtime,
        span,
        () => inbox.escalate(input),
        (_span, written) => {
          setDefined(escalationAttributes, attributes.escalationId, written?.id);
          span.setAttributes(escalationAttributes);
        },
      );
    },
  };
  const { get } = inbox;
  if (typeof get === 'function') wrapped.get = (id, options) => get.call(inbox, id, options);
  return wrapped;
}

/** The loop config with every step, rail and the inbox in spans, and the events recorded. */
export function instrumentLoopConfig(
  runtime: TelemetryRuntime,
  config: LoopConfig,
  onTelemetryEvent: (event: LoopEvent) => void,
): LoopConfig {
  const { onEvent } = config;
  if (onEvent !== undefined && typeof onEvent !== 'function') return config;
  const instrumented: LoopConfig = {
    ...config,
    steps: instrumentSteps(runtime, config.steps, config.actions),
    onEvent: (event) => {
      onTelemetryEvent(event);
      onEvent?.(event);
    },
  };
  // Malformed rails and inboxes go through unwrapped: createLoop refuses them with its own errors.
  if (Array.isArray(config.rails))
    instrumented.rails = config.rails.map((rail) =>
      isRecord(rail) && typeof rail.evaluate === 'function'
        ? instrumentRail(runtime, rail as unknown as Rail)
        : rail,
    );
  const { inbox } = config;
  if (
    isRecord(inbox) &&
    typeof inbox.escalate === 'function' &&
    ['undefined', 'function'].includes(typeof inbox.get)
  )
    instrumented.inbox = instrumentInbox(runtime, inbox);
  return instrumented;
}
