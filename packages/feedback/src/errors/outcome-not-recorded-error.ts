import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.outcomeNotRecorded;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * Outcomes a buffered recorder did not acknowledge: their flush failed (`flush_failed`, the
 * store's error as `cause`; some of them may have been written) or the recorder was closed
 * (`closed`). Recording them again with these ids is safe: a written one comes back `duplicate`.
 */
export class OutcomeNotRecordedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly outcomeIds: readonly string[];
  readonly reason: 'flush_failed' | 'closed';

  constructor({
    outcomeIds,
    reason,
    cause,
  }: {
    outcomeIds: readonly string[];
    reason: 'flush_failed' | 'closed';
    cause?: unknown;
  }) {
    super(code, {
      message:
        reason === 'closed'
          ? 'The buffered recorder is closed; the outcome was not recorded.'
          : `${outcomeIds.length} outcome(s) were not acknowledged: their flush failed; record them again with the same ids.`,
      cause,
      isRetryable:
        reason === 'flush_failed' && GuardloopError.isInstance(cause) ? cause.isRetryable : false,
    });
    this.name = 'OutcomeNotRecordedError';
    this.outcomeIds = outcomeIds;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is OutcomeNotRecordedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
