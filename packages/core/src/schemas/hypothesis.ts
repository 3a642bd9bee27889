import { z } from 'zod';
import { actionRequestSchema } from './action-request';

/** A fact from the signal (or a system it points to) that a hypothesis rests on. */
export const evidenceSchema = z.object({
  source: z.string().min(1).describe('e.g. "signal.payload" or "deployments"'),
  path: z.string().optional(),
  value: z.unknown(),
  note: z.string().optional(),
});

export type Evidence = z.output<typeof evidenceSchema>;

/** A ranked explanation of what is going on and the next step it suggests. */
export const hypothesisSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  rationale: z.string().default(''),
  confidence: z.number().min(0).max(1),
  /** Grounding: the data the hypothesis was derived from. */
  evidence: z.array(evidenceSchema).default([]),
  /** The action this hypothesis proposes; absent when it only informs a human. */
  action: actionRequestSchema.optional(),
});

export type Hypothesis = z.output<typeof hypothesisSchema>;
export type HypothesisInput = z.input<typeof hypothesisSchema>;
