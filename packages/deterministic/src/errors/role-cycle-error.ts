import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

/** Role inheritance loops back on itself, so effective permissions cannot be computed. */
export class RoleCycleError extends GuardloopError {
  /** The roles on the loop, first one repeated at the end: `['a', 'b', 'a']`. */
  readonly cycle: readonly string[];

  constructor({ cycle }: { cycle: readonly string[] }) {
    super(deterministicErrorCodes.roleCycle, {
      message: `Role inheritance has a cycle: ${cycle.join(' -> ')}. Remove one of these 'inherits' links.`,
    });
    this.name = 'RoleCycleError';
    this.cycle = cycle;
  }
}
