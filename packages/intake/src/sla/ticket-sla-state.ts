import { ticketStatusSchema } from '@guardloop/core';
import { z } from 'zod';
import { slaKeySchema } from './sla-key';
import { slaMetrics } from './sla-policies';

const epoch = z.int().nonnegative();

/** One run of a metric: started, and stopped when its reply or resolution came (or the ticket was solved). */
export const slaClockSchema = z.strictObject({
  metric: z.enum(slaMetrics),
  /** 1 for the first response; counts next responses, and resolutions after reopens. */
  instance: z.int().min(1),
  startedAt: epoch,
  stoppedAt: epoch.nullable(),
});
export type SlaClock = z.output<typeof slaClockSchema>;

/** Most pauses (`pending_customer` spells) one ticket may have: keeps the state compact. */
export const maxSlaPauses = 500;
/** Clocks kept per ticket: the oldest stopped ones are dropped beyond this. */
export const maxSlaClocks = 64;

/**
 * The compact state of a ticket's SLA clocks, folded from its events (`applyTicketSlaEvent`).
 * It holds only what happened, never targets or due times: those come from the policies and
 * the calendar when it is read, so a changed policy or calendar applies without a replay.
 */
export const ticketSlaStateSchema = z.strictObject({
  ticketId: slaKeySchema,
  createdAt: epoch,
  lastEventAt: epoch,
  status: ticketStatusSchema,
  fields: z.strictObject({
    priority: slaKeySchema.optional(),
    segment: slaKeySchema.optional(),
    channel: slaKeySchema.optional(),
    category: slaKeySchema.optional(),
  }),
  /** Spells in `pending_customer`, oldest first; `to` null while the ticket is still there. */
  pauses: z.array(z.strictObject({ from: epoch, to: epoch.nullable() })).max(maxSlaPauses),
  clocks: z.array(slaClockSchema).max(maxSlaClocks),
});
export type TicketSlaState = z.output<typeof ticketSlaStateSchema>;
