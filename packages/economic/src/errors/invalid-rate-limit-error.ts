import { GuardloopError, type InputIssue } from '@guardloop/core';
import { EconomicConfigurationError } from './economic-configuration-error';
import { economicErrorCodes } from './economic-error-codes';

const code = economicErrorCodes.invalidRateLimit;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A rate limit is not usable: a zero or negative limit, an unknown scope... */
export class InvalidRateLimitError extends EconomicConfigurationError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The rate limit's name, when it has a readable one. */
  readonly rateLimit: string | undefined;

  constructor({
    rateLimit,
    issues,
    cause,
  }: { rateLimit?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = rateLimit === undefined ? 'rate limit' : `rate limit '${rateLimit}'`;
    super(code, { subject, issues, cause });
    this.name = 'InvalidRateLimitError';
    this.rateLimit = rateLimit;
  }

  static override isInstance(error: unknown): error is InvalidRateLimitError {
    return GuardloopError.hasMarker(error, marker);
  }
}
