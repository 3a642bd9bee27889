import { createSeededRandom } from '@guardloop/feedback';
import { createCustomerDirectory } from '../simulation/tickets/customer-directory';
import { generateTicketStream } from '../simulation/tickets/generate-ticket-stream';
import { intakePathOf } from './intake-paths';
import { ticketEmail } from './ticket-messages';

/** The stream `pnpm demo` replays (seed and days as in `src/main.ts` and `runReplay`). */
const demoStream = { seed: 7, start: Date.UTC(2030, 2, 4), days: 14, ticketsPerDay: 26 };

/**
 * The first `count` raw messages of the demo's mailed tickets, as files to read or to feed a
 * mail client: the replay renders the same bytes at run time, so the files are a sample, kept
 * in sync by a test, not an input.
 */
export function demoEmailFixtures(count = 36): { name: string; raw: string }[] {
  const customers = createCustomerDirectory(createSeededRandom(demoStream.seed));
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const tickets = generateTicketStream({ ...demoStream, customers, outageDay: 5, fraudDay: 7 });
  return tickets
    .filter((ticket) => intakePathOf(ticket) === 'email')
    .slice(0, count)
    .map((ticket) => {
      const customer = byId.get(ticket.customerId);
      const from = {
        name: customer?.name ?? 'Unknown',
        email: customer?.email ?? 'unknown@x.example',
      };
      return { name: `${ticket.id}.eml`, raw: ticketEmail(ticket, from) };
    });
}
