import { z } from 'zod';

export const channels = ['email', 'web-form', 'status-widget'] as const;

/** One ticket as the help desk receives it from its ticketing system. */
export const ticketSchema = z.object({
  id: z.string().min(1),
  at: z.number().int().nonnegative(),
  channel: z.enum(channels),
  customerId: z.string().min(1),
  tenant: z.string().min(1),
  subject: z.string().min(1),
  body: z.string().min(1),
  /** Status-widget reports carry the affected service and the error they saw. */
  widget: z.object({ service: z.string(), error: z.string() }).optional(),
});
export type Ticket = z.output<typeof ticketSchema>;
