import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { InvalidOutcomeError } from '../errors/invalid-outcome-error';
import { type OutcomeType, outcomePayloads } from './outcome-payloads';
import { jsonObjectSchema, storableKeySchema } from './storable-values';
import { epochSchema } from './time-range';

const inputBase = {
  /** Event id: resending the same id is idempotent. Generated when omitted. */
  id: storableKeySchema.optional(),
  traceId: storableKeySchema,
  ticketId: storableKeySchema.optional(),
  /** When it happened; defaults to the recorder's clock. */
  at: epochSchema.optional(),
  /** Segment fields given here move the trace to that segment; omitted ones are inherited. */
  category: storableKeySchema.optional(),
  channel: storableKeySchema.optional(),
  queue: storableKeySchema.optional(),
  /**
   * Anything else the host wants kept with the event (unknown top-level keys are rejected):
   * JSON only, so that every store returns it exactly as given.
   */
  data: jsonObjectSchema.optional(),
};

const member = <Type extends OutcomeType>(type: Type) =>
  z.strictObject({ ...inputBase, type: z.literal(type), ...outcomePayloads[type] });

/** What a host passes to `recorder.record()`: a discriminated union on `type`. */
export const outcomeInputSchema = z
  .discriminatedUnion('type', [
    member('decision'),
    member('escalated'),
    member('routed'),
    member('deflected'),
    member('article_suggested'),
    member('resolved'),
    member('reopened'),
    member('override'),
    member('csat'),
    member('macro_used'),
    member('article_feedback'),
    member('first_response'),
    member('returned'),
    member('human_decision'),
    member('sla_breached'),
    member('ticket_sla'),
  ])
  .superRefine((outcome, context) => {
    if (outcome.type === 'override' && isDeepStrictEqual(outcome.proposed, outcome.actual)) {
      context.addIssue({
        code: 'custom',
        path: ['actual'],
        message: 'An override must differ from the proposal',
      });
    }
    if (outcome.type === 'routed' && outcome.queue === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['queue'],
        message: 'A routing needs the queue it assigned',
      });
    }
    if (outcome.type === 'routed' && outcome.overridden && outcome.suggestedQueue === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['suggestedQueue'],
        message: 'An overridden routing needs the suggested queue',
      });
    }
    const texts =
      outcome.type === 'macro_used' &&
      outcome.originalText !== undefined &&
      outcome.finalText !== undefined;
    if (outcome.type === 'macro_used' && outcome.editDistance === undefined && !texts) {
      context.addIssue({
        code: 'custom',
        path: ['editDistance'],
        message: 'Give editDistance, or both originalText and finalText',
      });
    }
  });

export type OutcomeInput = z.input<typeof outcomeInputSchema>;
export type ParsedOutcomeInput = z.output<typeof outcomeInputSchema>;
/** What the inbox records when a reviewer decides an escalation. */
export type HumanDecisionOutcomeInput = Extract<OutcomeInput, { type: 'human_decision' }>;
/** What the inbox records when an escalation misses a deadline. */
export type SlaBreachedOutcomeInput = Extract<OutcomeInput, { type: 'sla_breached' }>;
/** What `recordTicketSlaOutcomes` of @guardloop/intake records for a ticket SLA metric run. */
export type TicketSlaOutcomeInput = Extract<OutcomeInput, { type: 'ticket_sla' }>;

/** @throws InvalidOutcomeError (code `invalid_outcome`) listing every problem. */
export function parseOutcomeInput(input: unknown): ParsedOutcomeInput {
  const result = outcomeInputSchema.safeParse(input);
  if (!result.success) throw InvalidOutcomeError.fromZodError(result.error);
  return result.data;
}
