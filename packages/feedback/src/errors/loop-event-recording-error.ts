import { GuardloopError } from '@guardloop/core';
import { feedbackErrorCodes } from './feedback-error-codes';

export interface LoopEventFailure {
  traceId: string;
  eventType: string;
  error: unknown;
}

const code = feedbackErrorCodes.loopEventRecordingFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Recording loop events in the background failed; reported by `flush()` so nothing is lost unseen. */
export class LoopEventRecordingError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly failures: readonly LoopEventFailure[];

  constructor({ failures }: { failures: readonly LoopEventFailure[] }) {
    const first = failures[0];
    super(code, {
      message: `${failures.length} loop event(s) could not be recorded${first ? `; first: ${first.eventType} of trace ${first.traceId}` : ''}.`,
      cause: first?.error,
      isRetryable: failures.every(
        (failure) => GuardloopError.isInstance(failure.error) && failure.error.isRetryable,
      ),
    });
    this.name = 'LoopEventRecordingError';
    this.failures = failures;
  }

  static override isInstance(error: unknown): error is LoopEventRecordingError {
    return GuardloopError.hasMarker(error, marker);
  }
}
