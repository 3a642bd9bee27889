import { z } from 'zod';

export const outcomeKinds = [
  'resolved',
  'reopened',
  'escalated',
  'overridden',
  'csat',
  'macro_used',
  'article_feedback',
  'first_response',
  'rolled_back',
] as const;

/** Something that happened after a decision, recorded against the decision's trace. */
export const outcomeSchema = z.object({
  id: z.string().min(1),
  traceId: z.string().min(1),
  kind: z.enum(outcomeKinds),
  ticketId: z.string().min(1).optional(),
  at: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()).default({}),
});

export type Outcome = z.output<typeof outcomeSchema>;
export type OutcomeInput = z.input<typeof outcomeSchema>;
