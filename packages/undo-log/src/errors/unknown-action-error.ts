import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.unknownAction;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The action name is not among the actions given to `createUndoLog`, so it can never be recovered. */
export class UnknownActionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;

  constructor({ actionName, known }: { actionName: string; known: readonly string[] }) {
    super(code, {
      message: `Unknown action '${actionName}'. Registered actions: ${known.join(', ') || 'none'}.`,
    });
    this.name = 'UnknownActionError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is UnknownActionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
