import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.storeUnavailable;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A store could not be reached or failed to answer (connection refused, server restart,
 * serialization failure, driver fault). Retryable. `effectMayHaveHappened` tells the caller
 * whether a side effect it asked for (an action's `do`) may already have run, so a retry is
 * only safe through the same idempotency key.
 */
export class StoreUnavailableError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly operation: string;
  readonly effectMayHaveHappened: boolean;

  constructor({
    operation,
    effectMayHaveHappened = false,
    message,
    cause,
  }: {
    operation: string;
    effectMayHaveHappened?: boolean;
    message?: string;
    cause?: unknown;
  }) {
    const reason = cause instanceof Error ? cause.message : String(cause ?? 'unknown failure');
    super(code, {
      message:
        message ??
        `Store unavailable during ${operation}: ${reason}${
          effectMayHaveHappened ? ' (the action may already have taken effect)' : ''
        }`,
      cause,
      isRetryable: true,
    });
    this.name = 'StoreUnavailableError';
    this.operation = operation;
    this.effectMayHaveHappened = effectMayHaveHappened;
  }

  static override isInstance(error: unknown): error is StoreUnavailableError {
    return GuardloopError.hasMarker(error, marker);
  }
}
