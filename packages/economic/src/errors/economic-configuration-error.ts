import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import type { EconomicErrorCode } from './economic-error-codes';

const marker = 'guardloop.error.economic_configuration';
const symbol = Symbol.for(marker);

/**
 * The base of the economic configuration errors (`invalid_slo`, `invalid_budget`,
 * `invalid_rate_limit`, `invalid_window`): one `isInstance` catches a bad configuration of any
 * kind at start-up; each subclass keeps its own code and marker.
 */
export abstract class EconomicConfigurationError<
  Code extends EconomicErrorCode = EconomicErrorCode,
> extends GuardloopError<Code> {
  readonly [symbol] = true; // read by isInstance
  /** What was rejected, e.g. `cost budget 'daily'` or `slo 'checkout'.alerts.0.longWindow`. */
  readonly subject: string;
  readonly issues: readonly InputIssue[];

  protected constructor(
    code: Code,
    {
      subject,
      issues,
      message = `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    }: { subject: string; issues: readonly InputIssue[]; message?: string; cause?: unknown },
  ) {
    super(code, { message, cause });
    this.subject = subject;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is EconomicConfigurationError {
    return GuardloopError.hasMarker(error, marker);
  }
}
