import { ticketFieldsSchema, ticketStatusSchema } from '@guardloop/core';
import { z } from 'zod';
import { slaKeySchema } from './sla-key';

const at = z.int().nonnegative();

/**
 * What the SLA clocks read from a ticket's history: its creation (with the fields policies
 * filter on), lifecycle status transitions, public agent replies, customer messages and
 * field changes. Internal notes (`public: false`) stop no clock.
 */
export const ticketSlaEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('created'),
    at,
    status: ticketStatusSchema.default('new'),
    fields: ticketFieldsSchema.default({}),
  }),
  z.strictObject({ type: z.literal('status_changed'), at, status: ticketStatusSchema }),
  z.strictObject({ type: z.literal('agent_replied'), at, public: z.boolean().default(true) }),
  z.strictObject({ type: z.literal('customer_messaged'), at }),
  z.strictObject({ type: z.literal('priority_changed'), at, priority: slaKeySchema }),
  z.strictObject({ type: z.literal('fields_changed'), at, fields: ticketFieldsSchema }),
]);
export type TicketSlaEvent = z.output<typeof ticketSlaEventSchema>;
export type TicketSlaEventInput = z.input<typeof ticketSlaEventSchema>;

/** A ticket's SLA-relevant history, oldest first; the first event is `created`. */
export const ticketSlaHistorySchema = z.strictObject({
  ticketId: slaKeySchema,
  events: z.array(ticketSlaEventSchema).min(1).max(100_000),
});
export type TicketSlaHistory = z.input<typeof ticketSlaHistorySchema>;
