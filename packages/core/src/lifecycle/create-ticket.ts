import { type Ticket, type TicketInput, ticketSchema } from '../schemas/ticket';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import { parseInput } from '../utils/parse-input';

/**
 * A new ticket in status `new` (unless the input says otherwise), with timestamps from the clock.
 * @throws InvalidInputError when the input is malformed.
 */
export function createTicket(
  input: Partial<TicketInput> = {},
  {
    clock = systemClock,
    idGenerator = randomIdGenerator,
  }: { clock?: Clock; idGenerator?: IdGenerator } = {},
): Ticket {
  const now = clock.now();
  return parseInput(
    ticketSchema,
    { id: idGenerator(), createdAt: now, updatedAt: now, ...input },
    'ticket',
  );
}
