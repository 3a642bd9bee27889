import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.actionNotFound;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No record with this action id exists in the store. */
export class ActionNotFoundError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;

  constructor({ actionId }: { actionId: string }) {
    super(code, { message: `No action with id '${actionId}'.` });
    this.name = 'ActionNotFoundError';
    this.actionId = actionId;
  }

  static override isInstance(error: unknown): error is ActionNotFoundError {
    return GuardloopError.hasMarker(error, marker);
  }
}
