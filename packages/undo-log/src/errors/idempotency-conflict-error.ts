import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** The idempotency key was already used for another action or another input. */
export class IdempotencyConflictError extends GuardloopError {
  readonly idempotencyKey: string;
  readonly existingActionId: string;

  constructor({
    idempotencyKey,
    existingActionId,
    existingActionName,
  }: {
    idempotencyKey: string;
    existingActionId: string;
    existingActionName: string;
  }) {
    super(undoLogErrorCodes.idempotencyConflict, {
      message: `Idempotency key '${idempotencyKey}' was already used by action ${existingActionId} ('${existingActionName}') with a different action or input.`,
    });
    this.name = 'IdempotencyConflictError';
    this.idempotencyKey = idempotencyKey;
    this.existingActionId = existingActionId;
  }
}
