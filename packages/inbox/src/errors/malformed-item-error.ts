import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { inboxErrorCodes } from './inbox-error-codes';

const code = inboxErrorCodes.malformedItem;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** The store returned an item that is not a valid inbox item (a damaged row, a buggy store). */
export class MalformedItemError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly escalationId: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    escalationId,
    issues,
    cause,
  }: { escalationId: string | undefined; issues: readonly InputIssue[]; cause?: unknown }) {
    const where = escalationId === undefined ? 'an item' : `item '${escalationId}'`;
    super(code, {
      message: `The inbox store returned ${where} that is not valid: ${summarizeIssues(issues, 3)}`,
      cause,
    });
    this.name = 'MalformedItemError';
    this.escalationId = escalationId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is MalformedItemError {
    return GuardloopError.hasMarker(error, marker);
  }
}
