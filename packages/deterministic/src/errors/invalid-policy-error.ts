import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.invalidPolicy;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An RBAC policy is not well-formed data (wrong shape, duplicate action, bad resource pattern...). */
export class InvalidPolicyError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, {
      message: `Invalid RBAC policy: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidPolicyError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidPolicyError {
    return GuardloopError.hasMarker(error, marker);
  }
}
