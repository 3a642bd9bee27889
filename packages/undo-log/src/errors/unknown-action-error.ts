import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** The action name is not among the actions given to `createUndoLog`, so it can never be recovered. */
export class UnknownActionError extends GuardloopError {
  readonly actionName: string;

  constructor({ actionName, known }: { actionName: string; known: readonly string[] }) {
    super(undoLogErrorCodes.unknownAction, {
      message: `Unknown action '${actionName}'. Registered actions: ${known.join(', ') || 'none'}.`,
    });
    this.name = 'UnknownActionError';
    this.actionName = actionName;
  }
}
