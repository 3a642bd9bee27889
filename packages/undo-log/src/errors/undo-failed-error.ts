import { GuardloopError } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { isRetryableError } from './action-failed-error';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.undoFailed;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The action's `undo` threw (after retries). The record is back to `done`, so undo may be retried. */
export class UndoFailedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
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
    super(code, {
      message: `Undo of action ${actionId} failed: ${describeThrown(cause)}`,
      cause,
      isRetryable: isRetryableError(cause),
    });
    this.name = 'UndoFailedError';
    this.actionId = actionId;
    this.undoneActionIds = undoneActionIds;
  }

  static override isInstance(error: unknown): error is UndoFailedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
