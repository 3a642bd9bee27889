import { GuardloopError } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.idempotencyKeyRequired;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No idempotency key was given where one is required (always for irreversible actions). */
export class IdempotencyKeyRequiredError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionName: string;

  constructor({ actionName }: { actionName: string }) {
    super(code, {
      message: `Action '${actionName}' needs an idempotencyKey: pass one in the run options.`,
    });
    this.name = 'IdempotencyKeyRequiredError';
    this.actionName = actionName;
  }

  static override isInstance(error: unknown): error is IdempotencyKeyRequiredError {
    return GuardloopError.hasMarker(error, marker);
  }
}
