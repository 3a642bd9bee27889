import { InvalidInputError } from '../errors/invalid-input-error';
import type { TicketStatus } from '../schemas/ticket';

/** The error for confirming a ticket that is not resolved: a customer confirms a resolution. */
export function notConfirmableError(status: TicketStatus): InvalidInputError {
  return new InvalidInputError({
    subject: 'confirmation',
    issues: [
      {
        path: 'status',
        message: `Only a resolved ticket can be confirmed; this one is '${status}'.`,
      },
    ],
  });
}
