import type { CriterionResult } from '../lifecycle/resolution-criteria';
import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

/** Resolving was refused because at least one definition-of-done criterion is unmet. */
export class ResolutionCriteriaUnmetError extends GuardloopError {
  readonly results: readonly CriterionResult[];

  constructor({ results }: { results: readonly CriterionResult[] }) {
    const unmet = results.filter((result) => !result.met).map((result) => result.id);
    super(coreErrorCodes.resolutionCriteriaUnmet, {
      message: `Cannot resolve: unmet criteria ${unmet.join(', ')}.`,
    });
    this.name = 'ResolutionCriteriaUnmetError';
    this.results = results;
  }
}
