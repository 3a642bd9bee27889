import { GuardloopError } from '@guardloop/core';
import { deterministicErrorCodes } from './deterministic-error-codes';

/** A rule uses a json-logic operator that is neither built in nor registered through options. */
export class UnknownOperatorError extends GuardloopError {
  readonly ruleId: string;
  readonly operator: string;
  /** Where in the rule the operator sits, e.g. `when.and.1`. */
  readonly path: string;

  constructor({ ruleId, operator, path }: { ruleId: string; operator: string; path: string }) {
    super(deterministicErrorCodes.unknownOperator, {
      message:
        `Rule '${ruleId}' uses the unknown json-logic operator '${operator}' at ${path}. ` +
        `Use a built-in operator or register it with createRuleSet(rules, { operations }).`,
    });
    this.name = 'UnknownOperatorError';
    this.ruleId = ruleId;
    this.operator = operator;
    this.path = path;
  }
}
