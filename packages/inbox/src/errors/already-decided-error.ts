import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

/** The item was decided (or is being decided) already: a decision happens once. */
export class AlreadyDecidedError extends GuardloopError {
  readonly escalationId: string;
  readonly status: string;

  constructor({ escalationId, status }: { escalationId: string; status: string }) {
    super(inboxErrorCodes.alreadyDecided, {
      message: `Escalation '${escalationId}' is already decided (${status}).`,
    });
    this.name = 'AlreadyDecidedError';
    this.escalationId = escalationId;
    this.status = status;
  }

  static override isInstance(error: unknown): error is AlreadyDecidedError {
    return GuardloopError.hasCode(error, inboxErrorCodes.alreadyDecided);
  }
}
