import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.invalidTaxonomy;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A taxonomy definition is malformed: a duplicate value or alias, a category whose reporting
 * parent does not exist, or parents that form a cycle. `issues` lists every problem found.
 */
export class InvalidTaxonomyError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, { message: `Invalid taxonomy: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidTaxonomyError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidTaxonomyError {
    return GuardloopError.hasMarker(error, marker);
  }
}
