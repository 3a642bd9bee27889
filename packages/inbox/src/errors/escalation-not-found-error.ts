import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.escalationNotFound;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No inbox item with this id exists in the store. */
export class EscalationNotFoundError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;

  constructor({ escalationId }: { escalationId: string }) {
    super(code, {
      message: `No escalation with id '${escalationId}'.`,
    });
    this.name = 'EscalationNotFoundError';
    this.escalationId = escalationId;
  }

  static override isInstance(error: unknown): error is EscalationNotFoundError {
    return GuardloopError.hasMarker(error, marker);
  }
}
