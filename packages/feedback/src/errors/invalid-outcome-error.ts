import { GuardloopError, type InputIssue, toInputIssues } from '@guardloop/core';
import type { z } from 'zod';
import { feedbackErrorCodes } from './feedback-error-codes';

/** An outcome event failed validation. `issues` lists every problem found, not just the first. */
export class InvalidOutcomeError extends GuardloopError {
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    const summary = issues
      .slice(0, 5)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    super(feedbackErrorCodes.invalidOutcome, { message: `Invalid outcome: ${summary}`, cause });
    this.name = 'InvalidOutcomeError';
    this.issues = issues;
  }

  static fromZodError(error: z.ZodError): InvalidOutcomeError {
    return new InvalidOutcomeError({ issues: toInputIssues(error.issues), cause: error });
  }
}
