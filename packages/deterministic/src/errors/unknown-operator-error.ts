import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.unknownOperator;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A rule uses a json-logic operator that is neither built in nor registered through options. */
export class UnknownOperatorError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ruleId: string;
  readonly operator: string;
  /** Where in the rule the operator sits, e.g. `when.and.1`. */
  readonly path: string;

  constructor({ ruleId, operator, path }: { ruleId: string; operator: string; path: string }) {
    super(code, {
      message:
        `Rule '${ruleId}' uses the unknown json-logic operator '${operator}' at ${path}. ` +
        `Use a built-in operator or register it with createRuleSet(rules, { operations }).`,
    });
    this.name = 'UnknownOperatorError';
    this.ruleId = ruleId;
    this.operator = operator;
    this.path = path;
  }

  static override isInstance(error: unknown): error is UnknownOperatorError {
    return GuardloopError.hasMarker(error, marker);
  }
}
