import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** Undo was requested for an action defined with `reversible: false`. */
export class IrreversibleActionError extends GuardloopError {
  readonly actionId: string;
  readonly actionName: string;

  constructor({ actionId, actionName }: { actionId: string; actionName: string }) {
    super(undoLogErrorCodes.irreversibleAction, {
      message: `Action ${actionId} ('${actionName}') is irreversible and cannot be undone.`,
    });
    this.name = 'IrreversibleActionError';
    this.actionId = actionId;
    this.actionName = actionName;
  }
}
