import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { undoLogErrorCodes } from './undo-log-error-codes';

const code = undoLogErrorCodes.malformedRecord;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A record read from the store does not match the record schema (corruption, older writer...). */
export class MalformedRecordError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
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
    super(code, {
      message: `Malformed undo-log record${recordId ? ` ${recordId}` : ''}: ${summarizeIssues(issues)}`,
      cause,
    });
    this.name = 'MalformedRecordError';
    this.recordId = recordId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is MalformedRecordError {
    return GuardloopError.hasMarker(error, marker);
  }
}
