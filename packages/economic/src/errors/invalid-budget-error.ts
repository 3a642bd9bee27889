import { GuardloopError, type InputIssue } from '@guardloop/core';
import { EconomicConfigurationError } from './economic-configuration-error';
import { economicErrorCodes } from './economic-error-codes';

const code = economicErrorCodes.invalidBudget;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A cost budget is not usable: a negative limit, no limit at all, an unknown scope... */
export class InvalidBudgetError extends EconomicConfigurationError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The budget's name, when it has a readable one. */
  readonly budget: string | undefined;

  constructor({
    budget,
    issues,
    cause,
  }: { budget?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = budget === undefined ? 'cost budget' : `cost budget '${budget}'`;
    super(code, { subject, issues, cause });
    this.name = 'InvalidBudgetError';
    this.budget = budget;
  }

  static override isInstance(error: unknown): error is InvalidBudgetError {
    return GuardloopError.hasMarker(error, marker);
  }
}
