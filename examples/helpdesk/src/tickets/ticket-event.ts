import type { HelpdeskIntent } from '@guardloop/semantic/data';
import { z } from 'zod';

export const channels = ['email', 'web-form', 'status-widget'] as const;

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

/** One ticket of the replayed stream, as the help desk receives it. */
export const ticketEventSchema = z.object({
  id: z.string().min(1),
  at: z.number().int().nonnegative(),
  channel: z.enum(channels),
  customerId: z.string().min(1),
  tenant: z.string().min(1),
  subject: z.string().min(1),
  body: z.string().min(1),
  /** Status-widget reports carry the affected service and the error they saw. */
  widget: z.object({ service: z.string(), error: z.string() }).optional(),
  truth: ticketTruthSchema,
});
export type TicketEvent = Omit<z.output<typeof ticketEventSchema>, 'truth'> & {
  truth: TicketTruth;
};
