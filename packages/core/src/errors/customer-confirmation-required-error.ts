import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

const code = coreErrorCodes.customerConfirmationRequired;
const marker = `guardloop.error.${code}`;
const symbol = Symbol.for(marker);

/** An external-facing ticket may close only after the customer confirmed the resolution. */
export class CustomerConfirmationRequiredError extends GuardloopError<typeof code> {
  readonly [symbol] = true; // read by isInstance
  readonly ticketId: string;

  constructor({ ticketId }: { ticketId: string }) {
    super(code, {
      message: `Ticket ${ticketId} is external-facing: record the customer's confirmation before closing it.`,
    });
    this.name = 'CustomerConfirmationRequiredError';
    this.ticketId = ticketId;
  }

  static override isInstance(error: unknown): error is CustomerConfirmationRequiredError {
    return GuardloopError.hasMarker(error, marker);
  }
}
