import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { economicErrorCodes } from './economic-error-codes';

/** An SLO definition is not usable: objective outside (0, 1), alert windows longer than the SLO... */
export class InvalidSloError extends GuardloopError {
  /** The SLO's name, when it has a readable one. */
  readonly slo: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    slo,
    issues,
    cause,
  }: { slo?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = slo === undefined ? 'SLO' : `SLO '${slo}'`;
    super(economicErrorCodes.invalidSlo, {
      message: `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidSloError';
    this.slo = slo;
    this.issues = issues;
  }
}
