import { GuardloopError } from '@guardloop/core';
import { intakeErrorCodes } from './intake-error-codes';

const code = intakeErrorCodes.ticketTraceNotFound;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** No decision trace is known for the ticket a survey response names, so nothing was recorded. */
export class TicketTraceNotFoundError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ticketId: string;

  constructor({ ticketId }: { ticketId: string }) {
    super(code, { message: `No decision trace is known for ticket '${ticketId}'.` });
    this.name = 'TicketTraceNotFoundError';
    this.ticketId = ticketId;
  }

  static override isInstance(error: unknown): error is TicketTraceNotFoundError {
    return GuardloopError.hasMarker(error, marker);
  }
}
