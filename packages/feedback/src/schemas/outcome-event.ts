import { z } from 'zod';
import { type OutcomeType, outcomePayloads } from './outcome-payloads';
import { segmentFields } from './segment';
import { jsonObjectSchema, storableKeySchema } from './storable-values';

/** Anomalies noticed while recording. The event is kept and counted as far as it can be. */
export const outcomeFlags = [
  'unknown_trace',
  'reopened_before_resolved',
  'already_resolved',
  'returned_without_deflection',
  /** A second `human_decision` for one escalation: the first in time order counts. */
  'already_decided',
  /** More escalations on one trace than `humanReviewLimits.reviewsPerTrace`: not counted. */
  'review_limit_reached',
  /** More SLA metric runs on one trace than `ticketSlaLimits.metricsPerTrace`: not counted. */
  'ticket_sla_limit_reached',
] as const;
export type OutcomeFlag = (typeof outcomeFlags)[number];

const eventBase = {
  id: storableKeySchema,
  traceId: storableKeySchema,
  ticketId: storableKeySchema.optional(),
  at: z.number().int().nonnegative(),
  category: storableKeySchema,
  channel: storableKeySchema,
  queue: storableKeySchema,
  /**
   * Segment fields the event did not give, filled in from its trace (or `'unknown'`): they do
   * not move the trace when outcomes are re-folded in time order. Absent: all were given.
   */
  inherited: z.array(z.enum(segmentFields)).optional(),
  data: jsonObjectSchema.optional(),
  /** When the recorder accepted it (its clock). */
  recordedAt: z.number().int().nonnegative(),
  flags: z.array(z.enum(outcomeFlags)),
};

const member = <Type extends OutcomeType>(type: Type) =>
  z.object({ ...eventBase, type: z.literal(type), ...outcomePayloads[type] });

/** An outcome as recorded: ids, time and segment filled in. Stores persist and return this shape. */
export const outcomeEventSchema = z.discriminatedUnion('type', [
  member('decision'),
  member('escalated'),
  member('routed'),
  member('deflected'),
  member('article_suggested'),
  member('resolved'),
  member('reopened'),
  member('override'),
  member('csat'),
  member('macro_used').extend({ editDistance: z.number().int().nonnegative() }),
  member('article_feedback'),
  member('first_response'),
  member('returned'),
  member('human_decision'),
  member('sla_breached'),
  member('ticket_sla'),
]);

export type OutcomeEvent = z.output<typeof outcomeEventSchema>;
export type OutcomeEventOf<Type extends OutcomeType> = Extract<OutcomeEvent, { type: Type }>;

/** An outcome read back from a store, with the store's insertion order. */
export type StoredOutcome = OutcomeEvent & { sequence: number };
