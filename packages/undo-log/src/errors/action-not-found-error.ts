import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** No record with this action id exists in the store. */
export class ActionNotFoundError extends GuardloopError {
  readonly actionId: string;

  constructor({ actionId }: { actionId: string }) {
    super(undoLogErrorCodes.actionNotFound, { message: `No action with id '${actionId}'.` });
    this.name = 'ActionNotFoundError';
    this.actionId = actionId;
  }
}
