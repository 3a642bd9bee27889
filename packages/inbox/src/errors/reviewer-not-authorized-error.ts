import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.reviewerNotAuthorized;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * The reviewer may not take this decision: the RBAC policy grants no authority over the
 * action, or they asked for it themselves. The attempt is recorded in the item's history.
 */
export class ReviewerNotAuthorizedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;
  readonly reviewerId: string;
  /** `self_approval`, or the RBAC outcome (`no_grant`, `explicit_deny`...). */
  readonly outcome: string;

  constructor({
    escalationId,
    reviewerId,
    outcome,
    reason,
  }: { escalationId: string; reviewerId: string; outcome: string; reason: string }) {
    super(code, {
      message: `Reviewer '${reviewerId}' may not decide escalation '${escalationId}': ${reason}`,
    });
    this.name = 'ReviewerNotAuthorizedError';
    this.escalationId = escalationId;
    this.reviewerId = reviewerId;
    this.outcome = outcome;
  }

  static override isInstance(error: unknown): error is ReviewerNotAuthorizedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
