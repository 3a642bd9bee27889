import { GuardloopError, type InputIssue } from '@guardloop/core';
import { inboxErrorCodes } from './inbox-error-codes';

/** The store returned an item that is not a valid inbox item (a damaged row, a buggy store). */
export class MalformedItemError extends GuardloopError {
  readonly escalationId: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    escalationId,
    issues,
    cause,
  }: { escalationId: string | undefined; issues: readonly InputIssue[]; cause?: unknown }) {
    const where = escalationId === undefined ? 'an item' : `item '${escalationId}'`;
    const summary = issues
      .slice(0, 3)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    super(inboxErrorCodes.malformedItem, {
      message: `The inbox store returned ${where} that is not valid: ${summary}`,
      cause,
    });
    this.name = 'MalformedItemError';
    this.escalationId = escalationId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is MalformedItemError {
    return GuardloopError.hasCode(error, inboxErrorCodes.malformedItem);
  }
}
