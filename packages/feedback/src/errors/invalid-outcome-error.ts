import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues, toInputIssues } from '@guardloop/core/internal';
import type { z } from 'zod';
import { feedbackErrorCodes } from './feedback-error-codes';

const code = feedbackErrorCodes.invalidOutcome;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An outcome event failed validation. `issues` lists every problem found, not just the first. */
export class InvalidOutcomeError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly issues: readonly InputIssue[];

  constructor({ issues, cause }: { issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, { message: `Invalid outcome: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidOutcomeError';
    this.issues = issues;
  }

  static fromZodError(error: z.ZodError): InvalidOutcomeError {
    return new InvalidOutcomeError({ issues: toInputIssues(error.issues), cause: error });
  }

  static override isInstance(error: unknown): error is InvalidOutcomeError {
    return GuardloopError.hasMarker(error, marker);
  }
}
