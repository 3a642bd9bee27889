import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.invalidActionState;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The record's status does not allow the request, e.g. undoing an action that failed. */
export class InvalidActionStateError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly status: string;

  constructor({
    actionId,
    status,
    request,
  }: { actionId: string; status: string; request: string }) {
    super(code, {
      message: `Cannot ${request} action ${actionId}: its status is '${status}'.`,
    });
    this.name = 'InvalidActionStateError';
    this.actionId = actionId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is InvalidActionStateError {
    return GuardloopError.hasMarker(error, marker);
  }
}
