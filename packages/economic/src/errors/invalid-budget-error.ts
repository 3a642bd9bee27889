import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { economicErrorCodes } from './economic-error-codes';

/** A cost budget is not usable: a negative limit, no limit at all, an unknown scope... */
export class InvalidBudgetError extends GuardloopError {
  /** The budget's name, when it has a readable one. */
  readonly budget: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    budget,
    issues,
    cause,
  }: { budget?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = budget === undefined ? 'cost budget' : `cost budget '${budget}'`;
    super(economicErrorCodes.invalidBudget, {
      message: `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidBudgetError';
    this.budget = budget;
    this.issues = issues;
  }
}
