import { z } from 'zod';
import { type Ticket, type TicketInput, ticketSchema } from '../schemas/ticket';
import { type Clock, systemClock } from '../utils/clock';
import { type IdGenerator, randomIdGenerator } from '../utils/id-generator';
import { clockSchema, idGeneratorSchema } from '../utils/option-schemas';
import { parseInput } from '../utils/parse-input';

const optionsSchema = z
  .object({ clock: clockSchema.optional(), idGenerator: idGeneratorSchema.optional() })
  .optional();
const inputSchema = z.looseObject({}).optional();

/**
 * A new ticket in status `new` (unless the input says otherwise), with timestamps from the clock.
 * @throws InvalidInputError when the input is malformed.
 */
export function createTicket(
  input: Partial<TicketInput> = {},
  options: { clock?: Clock; idGenerator?: IdGenerator } = {},
): Ticket {
  const { clock = systemClock, idGenerator = randomIdGenerator } =
    parseInput(optionsSchema, options, 'createTicket options') ?? {};
  // Spreading a string or an array would silently make a ticket out of nothing.
  parseInput(inputSchema, input, 'ticket');
  const now = clock.now();
  return parseInput(
    ticketSchema,
    { id: idGenerator(), createdAt: now, updatedAt: now, ...input },
    'ticket',
  );
}
