import { GuardloopError } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.inputHashMismatch;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The input a decision would run is not the input that was reviewed (or the stored input changed). */
export class InputHashMismatchError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string;
  readonly expected: string;
  readonly actual: string;

  constructor({
    escalationId,
    expected,
    actual,
  }: { escalationId: string; expected: string; actual: string }) {
    super(code, {
      message: `The input of escalation '${escalationId}' does not match the hash the decision is bound to.`,
    });
    this.name = 'InputHashMismatchError';
    this.escalationId = escalationId;
    this.expected = expected;
    this.actual = actual;
  }

  static override isInstance(error: unknown): error is InputHashMismatchError {
    return GuardloopError.hasMarker(error, marker);
  }
}
