import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.actionInProgress;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The record is `pending` or `undoing` in this or another process. Retryable: the other run
 * finishes, or crash recovery resolves it once its lease expires.
 */
export class ActionInProgressError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly status: string;

  constructor({ actionId, status }: { actionId: string; status: string }) {
    super(code, {
      message: `Action ${actionId} is ${status} elsewhere; try again later.`,
      isRetryable: true,
    });
    this.name = 'ActionInProgressError';
    this.actionId = actionId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is ActionInProgressError {
    return GuardloopError.hasMarker(error, marker);
  }
}
