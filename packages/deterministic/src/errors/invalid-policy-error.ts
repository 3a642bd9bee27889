import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { deterministicErrorCodes } from './deterministic-error-codes';

/** An RBAC policy is not well-formed data (wrong shape, duplicate action, bad resource pattern...). */
export class InvalidPolicyError extends GuardloopError {
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(deterministicErrorCodes.invalidPolicy, {
      message: `Invalid RBAC policy: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidPolicyError';
    this.issues = issues;
  }
}
