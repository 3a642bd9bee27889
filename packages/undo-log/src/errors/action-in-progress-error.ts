import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/**
 * The record is `pending` or `undoing` in this or another process. Retryable: the other run
 * finishes, or crash recovery resolves it once its lease expires.
 */
export class ActionInProgressError extends GuardloopError {
  readonly actionId: string;
  readonly status: string;

  constructor({ actionId, status }: { actionId: string; status: string }) {
    super(undoLogErrorCodes.actionInProgress, {
      message: `Action ${actionId} is ${status} elsewhere; try again later.`,
      isRetryable: true,
    });
    this.name = 'ActionInProgressError';
    this.actionId = actionId;
    this.status = status;
  }
}
