import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.alreadyDecided;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The item was decided (or is being decided) already: a decision happens once. */
export class AlreadyDecidedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;
  readonly status: string;

  constructor({ escalationId, status }: { escalationId: string; status: string }) {
    super(code, {
      message: `Escalation '${escalationId}' is already decided (${status}).`,
    });
    this.name = 'AlreadyDecidedError';
    this.escalationId = escalationId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is AlreadyDecidedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
