import { coreErrorCodes } from './error-codes';
import { GuardloopError } from './guardloop-error';

/** An external-facing ticket may close only after the customer confirmed the resolution. */
export class CustomerConfirmationRequiredError extends GuardloopError {
  readonly ticketId: string;

  constructor({ ticketId }: { ticketId: string }) {
    super(coreErrorCodes.customerConfirmationRequired, {
      message: `Ticket ${ticketId} is external-facing: record the customer's confirmation before closing it.`,
    });
    this.name = 'CustomerConfirmationRequiredError';
    this.ticketId = ticketId;
  }
}
