import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.unknownTrace;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A follow-up outcome (resolved, csat, ...) names a trace that no decision, escalation, routing
 * or deflection started. Thrown only when the recorder runs with `unknownTraces: 'reject'`.
 */
export class UnknownTraceError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly traceId: string;
  readonly outcomeType: string;

  constructor({ traceId, outcomeType }: { traceId: string; outcomeType: string }) {
    super(code, {
      message: `Outcome '${outcomeType}' refers to trace '${traceId}', which no decision, escalation, routing or deflection started.`,
    });
    this.name = 'UnknownTraceError';
    this.traceId = traceId;
    this.outcomeType = outcomeType;
  }

  static override isInstance(error: unknown): error is UnknownTraceError {
    return GuardloopError.hasMarker(error, marker);
  }
}
