import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** The record's status does not allow the request, e.g. undoing an action that failed. */
export class InvalidActionStateError extends GuardloopError {
  readonly actionId: string;
  readonly status: string;

  constructor({
    actionId,
    status,
    request,
  }: { actionId: string; status: string; request: string }) {
    super(undoLogErrorCodes.invalidActionState, {
      message: `Cannot ${request} action ${actionId}: its status is '${status}'.`,
    });
    this.name = 'InvalidActionStateError';
    this.actionId = actionId;
    this.status = status;
  }
}
