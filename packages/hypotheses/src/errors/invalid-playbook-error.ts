import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { hypothesesErrorCodes } from './hypotheses-error-codes';

const code = hypothesesErrorCodes.invalidPlaybook;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A playbook that does not match the schema (or is not JSON): every problem, with its path. */
export class InvalidPlaybookError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, { message: `Invalid playbook: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidPlaybookError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidPlaybookError {
    return GuardloopError.hasMarker(error, marker);
  }
}
