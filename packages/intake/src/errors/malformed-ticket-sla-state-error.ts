import { GuardloopError, type InputIssue } from '@guardloop/core';
import { summarizeIssues } from '@guardloop/core/internal';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.malformedTicketSlaState;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** A stored ticket SLA state that no longer matches its schema (a damaged or hand-edited row). */
export class MalformedTicketSlaStateError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ticketId: string;
  readonly issues: readonly InputIssue[];

  constructor({ ticketId, issues }: { ticketId: string; issues: readonly InputIssue[] }) {
    super(code, {
      message: `Stored SLA state of ticket ${ticketId} is malformed: ${summarizeIssues(issues)}`,
    });
    this.name = 'MalformedTicketSlaStateError';
    this.ticketId = ticketId;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is MalformedTicketSlaStateError {
    return GuardloopError.hasMarker(error, marker);
  }
}
