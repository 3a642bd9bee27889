import { GuardloopError } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { isRetryableError } from './action-failed-error';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** The action's `undo` threw (after retries). The record is back to `done`, so undo may be retried. */
export class UndoFailedError extends GuardloopError {
  readonly actionId: string;
  /** Actions already undone before this one failed (undoTrace), newest first. */
  readonly undoneActionIds: readonly string[];

  constructor({
    actionId,
    cause,
    undoneActionIds = [],
  }: {
    actionId: string;
    cause: unknown;
    undoneActionIds?: readonly string[];
  }) {
    super(undoLogErrorCodes.undoFailed, {
      message: `Undo of action ${actionId} failed: ${describeThrown(cause)}`,
      cause,
      isRetryable: isRetryableError(cause),
    });
    this.name = 'UndoFailedError';
    this.actionId = actionId;
    this.undoneActionIds = undoneActionIds;
  }
}
