import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.invalidSlaEvent;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/**
 * A ticket event the SLA clocks cannot take: malformed, older than the ticket's last event, a
 * history that does not start with `created`, a second `created`, or too many pauses.
 */
export class InvalidSlaEventError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ticketId: string | undefined;
  readonly issues: readonly InputIssue[];

  constructor({
    ticketId,
    issues,
    cause,
  }: {
    ticketId?: string | undefined;
    issues: readonly InputIssue[];
    cause?: unknown;
  }) {
    const subject = ticketId === undefined ? 'SLA event' : `SLA event of ticket ${ticketId}`;
    super(code, { message: `Invalid ${subject}: ${summarizeIssues(issues)}`, cause });
    this.name = 'InvalidSlaEventError';
    this.ticketId = ticketId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InvalidSlaEventError {
    return GuardloopError.hasMarker(error, marker);
  }
}
