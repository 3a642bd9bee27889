import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.leaseHeld;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Another reviewer holds a live claim on the item; wait for it to expire or be released. */
export class LeaseHeldError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;
  readonly holder: string;
  readonly leaseExpiresAt: number;

  constructor({
    escalationId,
    holder,
    leaseExpiresAt,
  }: { escalationId: string; holder: string; leaseExpiresAt: number }) {
    super(code, {
      message: `Escalation '${escalationId}' is claimed by '${holder}' until ${leaseExpiresAt}.`,
    });
    this.name = 'LeaseHeldError';
    this.escalationId = escalationId;
    this.holder = holder;
    this.leaseExpiresAt = leaseExpiresAt;
  }

  static override isInstance(error: unknown): error is LeaseHeldError {
    return GuardloopError.hasMarker(error, marker);
  }
}
