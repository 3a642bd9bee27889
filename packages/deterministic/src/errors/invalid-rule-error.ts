import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { deterministicErrorCodes } from './deterministic-error-codes';

const code = deterministicErrorCodes.invalidRule;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A policy rule is not well-formed (missing id, bad verdict, a `when` that is not json-logic...). */
export class InvalidRuleError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  /** The offending rule's id, when it has a readable one. */
  readonly ruleId: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    ruleId,
    issues,
    cause,
  }: { ruleId?: string; issues: readonly InputIssue[]; cause?: unknown }) {
    const subject = ruleId === undefined ? 'policy rules' : `policy rule '${ruleId}'`;
    super(code, {
      message: `Invalid ${subject}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'InvalidRuleError';
    this.ruleId = ruleId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidRuleError {
    return GuardloopError.hasMarker(error, marker);
  }
}
