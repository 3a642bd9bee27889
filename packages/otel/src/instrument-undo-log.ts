import type { Attributes, Link, Span, SpanContext } from '@opentelemetry/api';
import { attributes, spanNames } from './attributes';
import { setDefined, startSpan, traced } from './span-helpers';
import type { TelemetryRuntime } from './telemetry-runtime';

/** What the instrumentation calls on an `UndoLog` of `@guardloop/undo-log` (structural: no dependency). */
export interface InstrumentableUndoLog {
  run: (...args: never[]) => Promise<unknown>;
  undo: (...args: never[]) => Promise<unknown>;
  undoTrace: (...args: never[]) => Promise<unknown>;
  describeAction?: (name: string) => { reversible: boolean } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function reversibleOf(undoLog: InstrumentableUndoLog, action: unknown): unknown {
  if (isRecord(action)) return action.reversible;
  try {
    return typeof action === 'string' ? undoLog.describeAction?.(action)?.reversible : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The undo log with every run, undo and trace undo in a span: a run is a `guardloop.action` span
 * (record id, idempotency key, reversibility) under the trace's act span; an undo is a span
 * linked to the action's span, however long after it runs.
 */
export function instrumentUndoLog<UndoLog extends InstrumentableUndoLog>(
  runtime: TelemetryRuntime,
  undoLog: UndoLog,
): UndoLog {
  const run = (action: unknown, input: unknown, options: Record<string, unknown>) => {
    const name = typeof action === 'string' ? action : isRecord(action) ? action.name : undefined;
    const traceId = isRecord(options) && typeof options.traceId === 'string' ? options.traceId : '';
    const record = runtime.traces.get(traceId);
    const runAttributes: Attributes = { [attributes.traceId]: traceId };
    setDefined(runAttributes, attributes.actionName, name);
    setDefined(runAttributes, attributes.actionReversible, reversibleOf(undoLog, action));
    setDefined(runAttributes, attributes.idempotencyKey, options?.idempotencyKey);
    setDefined(runAttributes, attributes.actionDryRun, options?.dryRun);
    const parent = record?.act ?? record?.root;
    // Run outside the loop (an approved escalation, days later): linked to its decision.
    const links: Link[] = record && !parent ? [{ context: record.spanContext }] : [];
    const span = startSpan(runtime, `${spanNames.actionPrefix} ${String(name)}`, {
      parent,
      attributes: runAttributes,
      links,
    });
    return traced(
      runtime,
      span,
      () =>
        (undoLog.run as (...args: unknown[]) => Promise<unknown>).call(
          undoLog,
          action,
          input,
          options,
        ),
      (_span, result) => annotateRun(runtime, span, parent, result, record?.actions),
    );
  };
  const undo = (actionId: unknown, options: unknown) => {
    const actionSpan = typeof actionId === 'string' ? runtime.actions.get(actionId) : undefined;
    const span = startSpan(runtime, spanNames.undo, {
      attributes: { [attributes.actionRecordId]: String(actionId) },
      links: actionSpan ? [{ context: actionSpan }] : [],
    });
    return traced(
      runtime,
      span,
      () =>
        (undoLog.undo as (...args: unknown[]) => Promise<unknown>).call(undoLog, actionId, options),
      (_span, result) => {
        if (!isRecord(result)) return;
        const undoAttributes: Attributes = {};
        setDefined(undoAttributes, attributes.actionName, result.actionName);
        setDefined(undoAttributes, attributes.undoAlreadyUndone, result.alreadyUndone);
        span.setAttributes(undoAttributes);
      },
    );
  };
  const undoTrace = (traceId: unknown, options: unknown) => {
    const record = typeof traceId === 'string' ? runtime.traces.get(traceId) : undefined;
    const links: Link[] = record
      ? [record.spanContext, ...record.actions].map((context) => ({ context }))
      : [];
    const span = startSpan(runtime, spanNames.undoTrace, {
      attributes: { [attributes.traceId]: String(traceId) },
      links,
    });
    return traced(
      runtime,
      span,
      () =>
        (undoLog.undoTrace as (...args: unknown[]) => Promise<unknown>).call(
          undoLog,
          traceId,
          options,
        ),
      (_span, result) => {
        if (!isRecord(result)) return;
        if (Array.isArray(result.skipped))
          span.setAttribute(attributes.undoSkipped, result.skipped.length);
      },
    );
  };
  return { ...undoLog, run, undo, undoTrace } as UndoLog;
}

function annotateRun(
  runtime: TelemetryRuntime,
  span: Span,
  parent: Span | undefined,
  result: unknown,
  traceActions: SpanContext[] | undefined,
) {
  if (!isRecord(result)) return;
  const runAttributes: Attributes = {};
  setDefined(runAttributes, attributes.actionRecordId, result.actionId);
  setDefined(runAttributes, attributes.actionReplayed, result.replayed);
  span.setAttributes(runAttributes);
  parent?.setAttributes(runAttributes);
  if (typeof result.actionId === 'string') {
    runtime.actions.set(result.actionId, span.spanContext());
    traceActions?.push(span.spanContext());
  }
}
