import { GuardloopError, type InputIssue } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.resultNotStorable;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * `do` ran (its effect happened) but returned a value no store can keep unchanged (NUL or a
 * lone surrogate in a string, a bigint, a cycle, too large...). The record is `done` with
 * `result: null` and error code `result_not_storable`, so it is never re-run nor undone by
 * recovery; a replay under the key returns `result: null`. Not retryable: fix the action.
 */
export class ResultNotStorableError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly actionId: string;
  readonly actionName: string;
  /** Always true: this error is only raised after `do` succeeded. */
  readonly effectHappened = true;
  readonly issues: readonly InputIssue[];

  constructor({
    actionId,
    actionName,
    issues,
  }: {
    actionId: string;
    actionName: string;
    issues: readonly InputIssue[];
  }) {
    const summary = issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    super(code, {
      message: `Action ${actionId} ('${actionName}') took effect, but its result cannot be stored (${summary}); it is recorded done without a result.`,
    });
    this.name = 'ResultNotStorableError';
    this.actionId = actionId;
    this.actionName = actionName;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ResultNotStorableError {
    return GuardloopError.hasMarker(error, marker);
  }
}
