import { GuardloopError, type InputIssue } from '@guardloop/core';
import { undoLogErrorCodes } from './undo-log-error-codes';

/** A record read from the store does not match the record schema (corruption, older writer...). */
export class MalformedRecordError extends GuardloopError {
  readonly recordId: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    recordId,
    issues,
    cause,
  }: {
    recordId?: string;
    issues: readonly InputIssue[];
    cause?: unknown;
  }) {
    const summary = issues
      .slice(0, 5)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    super(undoLogErrorCodes.malformedRecord, {
      message: `Malformed undo-log record${recordId ? ` ${recordId}` : ''}: ${summary}`,
      cause,
    });
    this.name = 'MalformedRecordError';
    this.recordId = recordId;
    this.issues = issues;
  }
}
