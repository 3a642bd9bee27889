import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** No idempotency key was given where one is required (always for irreversible actions). */
export class IdempotencyKeyRequiredError extends GuardloopError {
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(undoLogErrorCodes.idempotencyKeyRequired, {
      message: `Action '${actionName}' needs an idempotencyKey: pass one in the run options.`,
    });
    this.name = 'IdempotencyKeyRequiredError';
    this.actionName = actionName;
  }
}
