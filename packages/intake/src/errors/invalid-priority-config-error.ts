import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.invalidPriorityConfig;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A priority scorer configuration is malformed: a missing impact × urgency cell, a cell naming
 * an unknown level, a duplicate level, a default outside its list. `issues` lists every problem.
 */
export class InvalidPriorityConfigError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, { message: `Invalid priority configuration: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidPriorityConfigError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidPriorityConfigError {
    return GuardloopError.hasMarker(error, marker);
  }
}
