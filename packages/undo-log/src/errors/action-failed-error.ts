import { GuardloopError } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.actionFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The action's `do` threw (after retries). The record is `failed`; `cause` is the last error. */
export class ActionFailedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly actionName: string;

  constructor({
    actionId,
    actionName,
    cause,
  }: {
    actionId: string;
    actionName: string;
    cause: unknown;
  }) {
    super(code, {
      message: `Action ${actionId} ('${actionName}') failed: ${describeThrown(cause)}`,
      cause,
      // Transient causes stay retryable so callers may try again with the same idempotency key.
      isRetryable: isRetryableError(cause),
    });
    this.name = 'ActionFailedError';
    this.actionId = actionId;
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is ActionFailedError {
    return GuardloopError.hasMarker(error, marker);
  }
}

export function isRetryableError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isRetryable?: unknown }).isRetryable === true
  );
}
