import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.idempotencyConflict;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The idempotency key was already used for another action or another input. */
export class IdempotencyConflictError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
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
    super(code, {
      message: `Idempotency key '${idempotencyKey}' was already used by action ${existingActionId} ('${existingActionName}') with a different action or input.`,
    });
    this.name = 'IdempotencyConflictError';
    this.idempotencyKey = idempotencyKey;
    this.existingActionId = existingActionId;
  }

  static override isInstance(error: unknown): error is IdempotencyConflictError {
    return GuardloopError.hasMarker(error, marker);
  }
}
