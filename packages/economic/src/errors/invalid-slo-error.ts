import { GuardloopError, type InputIssue } from '@guardloop/core';
import { EconomicConfigurationError } from './economic-configuration-error';
import { economicErrorCodes } from './economic-error-codes';

const code = economicErrorCodes.invalidSlo;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An SLO definition is not usable: objective outside (0, 1), alert windows longer than the SLO... */
export class InvalidSloError extends EconomicConfigurationError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The SLO's name, when it has a readable one. */
  readonly slo: string | undefined;

  constructor({
    slo,
    issues,
    cause,
  }: { slo?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = slo === undefined ? 'SLO' : `SLO '${slo}'`;
    super(code, { subject, issues, cause });
    this.name = 'InvalidSloError';
    this.slo = slo;
  }

  static override isInstance(error: unknown): error is InvalidSloError {
    return GuardloopError.hasMarker(error, marker);
  }
}
