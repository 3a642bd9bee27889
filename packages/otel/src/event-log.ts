import type { LoopEvent } from '@guardloop/core';
import type { TelemetryLogger } from './telemetry-options';

type Level = keyof TelemetryLogger;

const levels: Partial<Record<LoopEvent['type'], Level>> = {
  'signal.received': 'info',
  'decision.made': 'info',
  'loop.acted': 'info',
  'loop.completed': 'info',
  'loop.escalated': 'warn',
  'loop.rejected': 'warn',
  'loop.failed': 'error',
};

/** The fields worth a log line: ids, verdicts and statuses, never payloads or evidence. */
function fieldsOf(event: LoopEvent): Record<string, unknown> {
  switch (event.type) {
    case 'signal.received':
      return {
        signalId: event.signal.id,
        source: event.signal.source,
        actorType: event.actor.type,
      };
    case 'intent.classified':
      return {
        intent: event.intent.label,
        confidence: event.intent.confidence,
        abstained: event.intent.abstained,
      };
    case 'hypotheses.proposed':
      return { hypotheses: event.hypotheses.length };
    case 'decision.made':
      return {
        decisionId: event.decision.id,
        verdict: event.decision.verdict,
        decidedBy: event.decision.decidedBy,
      };
    case 'action.completed':
      return { action: event.hypothesis.action?.name };
    case 'loop.escalated':
      return {
        step: event.escalation.step,
        rail: event.escalation.rail,
        escalationId: event.escalationId,
      };
    case 'escalation.recorded':
    case 'human.approved':
    case 'human.rejected':
    case 'loop.completed':
      return { escalationId: event.escalationId };
    case 'loop.failed': {
      const error = event.error as { code?: unknown; name?: unknown } | null;
      return { step: event.step, errorCode: error?.code, errorName: error?.name };
    }
    default:
      return {};
  }
}

/** Logs one loop event; a throwing logger never breaks the loop. */
export function logLoopEvent(
  logger: TelemetryLogger,
  event: LoopEvent,
  otelTraceId: string | undefined,
) {
  const level = levels[event.type] ?? 'debug';
  try {
    logger[level](
      { event: event.type, traceId: event.traceId, otelTraceId, at: event.at, ...fieldsOf(event) },
      `guardloop ${event.type}`,
    );
  } catch {
    // Logging is best effort.
  }
}
