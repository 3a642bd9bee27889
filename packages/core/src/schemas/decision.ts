import { z } from 'zod';
import { railResultSchema, verdictSchema } from './rail-verdict';

/** The combined verdict of every rail on one proposed action. */
export const decisionSchema = z.object({
  id: z.string().min(1),
  traceId: z.string().min(1),
  verdict: verdictSchema,
  reason: z.string(),
  /** The rail whose verdict decided: the first deny, else the first escalation. */
  decidedBy: z.string().optional(),
  rails: z.array(railResultSchema),
  decidedAt: z.number(),
  durationMs: z.number().nonnegative(),
});

export type Decision = z.output<typeof decisionSchema>;
