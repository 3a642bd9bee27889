import { z } from 'zod';
import { breakdownKeySchema } from './human-review';

/** The ticket SLA metrics of `@guardloop/intake` (its `slaMetrics`). */
export const ticketSlaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type TicketSlaMetric = (typeof ticketSlaMetrics)[number];

/**
 * Metric runs kept per trace: the intake keeps at most 64 clocks per ticket, so a trace with
 * more is an anomaly (flagged `ticket_sla_limit_reached`), not a workload.
 */
export const ticketSlaLimits = { metricsPerTrace: 64 } as const;

const durationMs = z.number().int().nonnegative();

/**
 * One metric run of the trace's ticket as the KPIs see it, folded from its `ticket_sla`
 * outcomes (one per run of a metric, named by `metric` and `instance`).
 */
export const ticketSlaRecordSchema = z.object({
  metric: z.enum(ticketSlaMetrics),
  instance: z.number().int().positive(),
  /** The policy and priority first recorded: the breach-rate breakdown keys. */
  policy: breakdownKeySchema,
  priority: breakdownKeySchema,
  targetMs: durationMs,
  /** The longest measured time recorded (it only grows while the clock runs). */
  elapsedMs: durationMs,
  /** Any outcome of the run said it breached. */
  breached: z.boolean(),
  lateMs: durationMs.optional(),
  /** The clock stopped (a reply or resolution came): only then is `elapsedMs` a final time. */
  completed: z.boolean(),
});

export type TicketSlaRecord = z.output<typeof ticketSlaRecordSchema>;
