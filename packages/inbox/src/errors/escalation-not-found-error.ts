import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

/** No inbox item with this id exists in the store. */
export class EscalationNotFoundError extends GuardloopError {
  readonly escalationId: string;

  constructor({ escalationId }: { escalationId: string }) {
    super(inboxErrorCodes.escalationNotFound, {
      message: `No escalation with id '${escalationId}'.`,
    });
    this.name = 'EscalationNotFoundError';
    this.escalationId = escalationId;
  }

  static override isInstance(error: unknown): error is EscalationNotFoundError {
    return GuardloopError.hasCode(error, inboxErrorCodes.escalationNotFound);
  }
}
