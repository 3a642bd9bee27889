import type { CriterionResult } from '../lifecycle/resolution-criteria';
import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.resolutionCriteriaUnmet;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Resolving was refused because at least one definition-of-done criterion is unmet. */
export class ResolutionCriteriaUnmetError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly results: readonly CriterionResult[];

  constructor({ results }: { results: readonly CriterionResult[] }) {
    const unmet = results.filter((result) => !result.met).map((result) => result.id);
    super(code, {
      message: `Cannot resolve: unmet criteria ${unmet.join(', ')}.`,
    });
    this.name = 'ResolutionCriteriaUnmetError';
    this.results = results;
  }

  static override isInstance(error: unknown): error is ResolutionCriteriaUnmetError {
    return GuardloopError.hasMarker(error, marker);
  }
}
