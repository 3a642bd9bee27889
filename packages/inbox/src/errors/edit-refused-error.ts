import { type Decision, GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.editRefused;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The edited input is denied by the deterministic rails: a reviewer cannot approve it. */
export class EditRefusedError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;
  readonly decision: Decision;

  constructor({ escalationId, decision }: { escalationId: string; decision: Decision }) {
    super(code, {
      message: `The edit of escalation '${escalationId}' is denied by policy: ${decision.reason}`,
    });
    this.name = 'EditRefusedError';
    this.escalationId = escalationId;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is EditRefusedError {
    return GuardloopError.hasMarker(error, marker);
  }
}
