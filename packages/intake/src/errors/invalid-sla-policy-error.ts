import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.invalidSlaPolicy;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * SLA policy data is malformed: a missing or non-positive target, a duplicate policy id, a
 * warning threshold not shorter than a target, a business-hours policy without a calendar.
 * `issues` lists every problem found.
 */
export class InvalidSlaPolicyError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, { message: `Invalid SLA policies: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidSlaPolicyError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidSlaPolicyError {
    return GuardloopError.hasMarker(error, marker);
  }
}
