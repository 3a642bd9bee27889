import { z } from 'zod';
import { ticketFieldsSchema } from './ticket-fields';

export const signalKinds = ['ticket', 'alert', 'telemetry'] as const;

/** Anything that may need handling: a ticket, an alert, a telemetry event. */
export const signalSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1).describe('Where the signal came from, e.g. "zendesk" or "prometheus".'),
  kind: z.enum(signalKinds),
  /** Identifies "the same thing" across repeats, for deduplication. */
  fingerprint: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  /** When the signal happened at its source (epoch ms). */
  occurredAt: z.number().int().nonnegative(),
  /** When guardloop accepted it (epoch ms). */
  receivedAt: z.number().int().nonnegative(),
  /** Correlates every step, decision, action and outcome caused by this signal. */
  traceId: z.string().min(1),
  correlationId: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  /** Standard ticket fields (category, product area, channel, segment, priority, resolution code). */
  fields: ticketFieldsSchema.optional(),
});

export type Signal = z.output<typeof signalSchema>;

// A Date before 1970 would become a negative epoch, which the signal schema refuses.
const epochDate = z.date().min(new Date(0));

/** What a host passes in: ids, fingerprint and timestamps are filled in when missing. */
export const signalInputSchema = signalSchema.extend({
  id: signalSchema.shape.id.optional(),
  fingerprint: signalSchema.shape.fingerprint.optional(),
  occurredAt: z.union([z.number().int().nonnegative(), epochDate]).optional(),
  receivedAt: z.union([z.number().int().nonnegative(), epochDate]).optional(),
  traceId: signalSchema.shape.traceId.optional(),
});

export type SignalInput = z.input<typeof signalInputSchema>;
