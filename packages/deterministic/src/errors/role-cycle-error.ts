import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.roleCycle;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Role inheritance loops back on itself, so effective permissions cannot be computed. */
export class RoleCycleError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The roles on the loop, first one repeated at the end: `['a', 'b', 'a']`. */
  readonly cycle: readonly string[];

  constructor({ cycle }: { cycle: readonly string[] }) {
    super(code, {
      message: `Role inheritance has a cycle: ${cycle.join(' -> ')}. Remove one of these 'inherits' links.`,
    });
    this.name = 'RoleCycleError';
    this.cycle = cycle;
  }

  static override isInstance(error: unknown): error is RoleCycleError {
    return GuardloopError.hasMarker(error, marker);
  }
}
