import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { economicErrorCodes } from './economic-error-codes';

/** A rate limit is not usable: a zero or negative limit, an unknown scope... */
export class InvalidRateLimitError extends GuardloopError {
  /** The rate limit's name, when it has a readable one. */
  readonly rateLimit: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    rateLimit,
    issues,
    cause,
  }: { rateLimit?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = rateLimit === undefined ? 'rate limit' : `rate limit '${rateLimit}'`;
    super(economicErrorCodes.invalidRateLimit, {
      message: `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidRateLimitError';
    this.rateLimit = rateLimit;
    this.issues = issues;
  }
}
