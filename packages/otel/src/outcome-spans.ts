import type { Attributes, Link } from '@opentelemetry/api';
import { attributes, spanNames } from './attributes';
import { endSpan, setDefined, startSpan } from './span-helpers';
import type { TelemetryRuntime } from './telemetry-runtime';

/** An outcome as `@guardloop/feedback` records it (structural: the package is not a dependency). */
export interface TelemetryOutcome {
  type: string;
  traceId: string;
  id?: string | undefined;
  at?: number | undefined;
  [field: string]: unknown;
}

/** The outcome recorder shape of `@guardloop/feedback` and the inbox's `feedback` option. */
export interface InstrumentableOutcomeRecorder {
  record: (outcome: never, options?: never) => Promise<unknown>;
}

// The loop's own events already are these: their trace is the decision trace itself.
const decisionOutcomes = new Set(['decision', 'escalated']);

/**
 * An outcome recorded later (reopen, CSAT, an inbox decision, an SLA breach) as a span of its own,
 * linked to the decision trace's root span. Only enums, ids and numbers become attributes:
 * free text (reasons, comments) may hold personal data.
 */
export function recordOutcomeSpan(runtime: TelemetryRuntime, outcome: TelemetryOutcome) {
  if (decisionOutcomes.has(outcome.type)) return;
  const record = runtime.traces.get(outcome.traceId);
  const links: Link[] = record ? [{ context: record.spanContext }] : [];
  const outcomeAttributes: Attributes = {
    [attributes.traceId]: outcome.traceId,
    [attributes.outcomeType]: outcome.type,
  };
  setDefined(outcomeAttributes, attributes.outcomeId, outcome.id);
  setDefined(outcomeAttributes, attributes.outcomeScore, outcome.score);
  setDefined(outcomeAttributes, attributes.outcomeDecision, outcome.decision);
  setDefined(outcomeAttributes, attributes.escalationId, outcome.escalationId);
  setDefined(outcomeAttributes, attributes.escalationRail, outcome.rail);
  setDefined(outcomeAttributes, attributes.actionName, outcome.action);
  setDefined(outcomeAttributes, attributes.slaDeadline, outcome.deadline);
  setDefined(outcomeAttributes, attributes.slaLateMs, outcome.lateMs);
  const at = typeof outcome.at === 'number' ? outcome.at : runtime.clock.now();
  const span = startSpan(runtime, `${spanNames.outcomePrefix} ${outcome.type}`, {
    startTime: at,
    attributes: outcomeAttributes,
    links,
  });
  endSpan(runtime, span, at);
  runtime.metrics.outcome(outcome.type, {});
  if (outcome.type === 'sla_breached')
    runtime.metrics.slaBreach(
      String(outcome.deadline),
      typeof outcome.rail === 'string' ? outcome.rail : undefined,
    );
}

/** The recorder with every newly recorded outcome also a linked span (duplicates are not). */
export function instrumentOutcomeRecorder<Recorder extends InstrumentableOutcomeRecorder>(
  runtime: TelemetryRuntime,
  recorder: Recorder,
): Recorder {
  const record = async (outcome: TelemetryOutcome, options?: unknown) => {
    const result = await (recorder.record as (...args: unknown[]) => Promise<unknown>).call(
      recorder,
      outcome,
      options,
    );
    if ((result as { status?: unknown } | undefined)?.status !== 'duplicate') {
      try {
        recordOutcomeSpan(runtime, outcome);
      } catch {
        // The outcome is recorded; telemetry never turns that into a failure.
      }
    }
    return result;
  };
  return { ...recorder, record } as Recorder;
}
