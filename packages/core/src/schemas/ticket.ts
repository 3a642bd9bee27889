import { z } from 'zod';

export const ticketStatuses = [
  'new',
  'triaged',
  'in_progress',
  'pending_customer',
  'resolved',
  'closed',
] as const;

export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.output<typeof ticketStatusSchema>;

/**
 * Who confirmed a resolution: the customer, or a human agent recording what the customer said.
 * `ai` and `system` may be stored but never let a ticket close.
 */
export const confirmerTypes = ['customer', 'human', 'ai', 'system'] as const;
export const confirmerTypeSchema = z.enum(confirmerTypes);
export type ConfirmerType = z.output<typeof confirmerTypeSchema>;

export const ticketTransitionRecordSchema = z.object({
  from: ticketStatusSchema,
  to: ticketStatusSchema,
  at: z.number(),
  by: z.string().optional(),
  reason: z.string().optional(),
});

export const ticketSchema = z.object({
  id: z.string().min(1),
  status: ticketStatusSchema.default('new'),
  /** External-facing tickets close only after the customer confirms. */
  external: z.boolean().default(true),
  subject: z.string().default(''),
  category: z.string().optional(),
  traceId: z.string().optional(),
  signalId: z.string().optional(),
  reopenCount: z.number().int().nonnegative().default(0),
  customerConfirmation: z
    .object({
      confirmedAt: z.number(),
      by: z.string().min(1),
      /** Absent on confirmations written by hand or by older versions: those never count. */
      byType: confirmerTypeSchema.optional(),
      note: z.string().optional(),
    })
    .optional(),
  history: z.array(ticketTransitionRecordSchema).default([]),
  data: z.record(z.string(), z.unknown()).default({}),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export type Ticket = z.output<typeof ticketSchema>;
export type TicketInput = z.input<typeof ticketSchema>;
