import type { HelpdeskIntent } from '@guardloop/semantic/data';
import { z } from 'zod';
import { type Ticket, ticketSchema } from '../../app/ticket';

export { channels } from '../../app/ticket';

/**
 * What the simulation knows and the pipeline must not look at: the customer's real intent and
 * what is going on behind the ticket. The outcome simulator uses it to play the customers,
 * agents and finance team.
 */
export const ticketTruthSchema = z.object({
  intent: z.string().min(1),
  /** Worded like another intent on purpose. */
  tricky: z.boolean(),
  abusive: z.boolean(),
  /** A refund request from a fraud ring: finance reverses it once detected. */
  fraud: z.boolean(),
  /** Re-sent by the customer a few minutes later, or one more report of an ongoing outage. */
  repeatOf: z.string().optional(),
  incident: z.string().optional(),
  pii: z.array(z.enum(['email', 'phone', 'card', 'iban'])),
});
export type TicketTruth = z.output<typeof ticketTruthSchema> & {
  intent: HelpdeskIntent | 'out_of_scope';
};

/** One ticket of the replayed stream: what the help desk receives, plus the simulation's truth. */
export const ticketEventSchema = ticketSchema.extend({ truth: ticketTruthSchema });
export type TicketEvent = Ticket & { truth: TicketTruth };
