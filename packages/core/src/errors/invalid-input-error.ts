import type { z } from 'zod';
import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';
import { summarizeIssues } from './summarize-issues';

export interface InputIssue {
  /** Path of the offending value, e.g. `payload.email`; empty for the root. */
  path: string;
  message: string;
}

const code = coreErrorCodes.invalidInput;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Malformed input at a public entry point. `issues` lists every problem found, not just the first. */
export class InvalidInputError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly subject: string;
  readonly issues: readonly InputIssue[];

  constructor({
    subject,
    issues,
    cause,
  }: { subject: string; issues: readonly InputIssue[]; cause?: unknown }) {
    super(code, {
      message: `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidInputError';
    this.subject = subject;
    this.issues = issues;
  }

  static fromZodError(subject: string, error: z.ZodError): InvalidInputError {
    return new InvalidInputError({ subject, issues: toInputIssues(error.issues), cause: error });
  }

  static override isInstance(error: unknown): error is InvalidInputError {
    return GuardloopError.hasMarker(error, marker);
  }
}

export function toInputIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
