import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

/**
 * A follow-up outcome (resolved, csat, ...) names a trace that no decision, escalation, routing
 * or deflection started. Thrown only when the recorder runs with `unknownTraces: 'reject'`.
 */
export class UnknownTraceError extends GuardloopError {
  readonly traceId: string;
  readonly outcomeType: string;

  constructor({ traceId, outcomeType }: { traceId: string; outcomeType: string }) {
    super(feedbackErrorCodes.unknownTrace, {
      message: `Outcome '${outcomeType}' refers to trace '${traceId}', which no decision, escalation, routing or deflection started.`,
    });
    this.name = 'UnknownTraceError';
    this.traceId = traceId;
    this.outcomeType = outcomeType;
  }
}
