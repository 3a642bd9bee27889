import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.irreversibleAction;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Undo was requested for an action defined with `reversible: false`. */
export class IrreversibleActionError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly actionName: string;

  constructor({ actionId, actionName }: { actionId: string; actionName: string }) {
    super(code, {
      message: `Action ${actionId} ('${actionName}') is irreversible and cannot be undone.`,
    });
    this.name = 'IrreversibleActionError';
    this.actionId = actionId;
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is IrreversibleActionError {
    return GuardloopError.hasMarker(error, marker);
  }
}
