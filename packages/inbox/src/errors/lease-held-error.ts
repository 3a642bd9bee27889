import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

/** Another reviewer holds a live claim on the item; wait for it to expire or be released. */
export class LeaseHeldError extends GuardloopError {
  readonly escalationId: string;
  readonly holder: string;
  readonly leaseExpiresAt: number;

  constructor({
    escalationId,
    holder,
    leaseExpiresAt,
  }: { escalationId: string; holder: string; leaseExpiresAt: number }) {
    super(inboxErrorCodes.leaseHeld, {
      message: `Escalation '${escalationId}' is claimed by '${holder}' until ${leaseExpiresAt}.`,
    });
    this.name = 'LeaseHeldError';
    this.escalationId = escalationId;
    this.holder = holder;
    this.leaseExpiresAt = leaseExpiresAt;
  }

  static override isInstance(error: unknown): error is LeaseHeldError {
    return GuardloopError.hasCode(error, inboxErrorCodes.leaseHeld);
  }
}
