import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.duplicateRuleId;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** Two rules share an id, so a verdict naming that id would not say which one fired. */
export class DuplicateRuleIdError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ruleId: string;
  /** Positions of the rules sharing the id. */
  readonly indexes: readonly number[];

  constructor({ ruleId, indexes }: { ruleId: string; indexes: readonly number[] }) {
    super(code, {
      message: `Rule id '${ruleId}' is used by rules #${indexes.join(' and #')}; rule ids must be unique.`,
    });
    this.name = 'DuplicateRuleIdError';
    this.ruleId = ruleId;
    this.indexes = indexes;
  }

  static override isInstance(error: unknown): error is DuplicateRuleIdError {
    return GuardloopError.hasMarker(error, marker);
  }
}
