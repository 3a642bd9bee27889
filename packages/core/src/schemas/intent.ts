import { z } from 'zod';

/** What the signal is about, as classified by a local model or an LLM. */
export const intentSchema = z.object({
  label: z.string().min(1),
  confidence: z.number().min(0).max(1),
  /** Score of every candidate label, when the classifier reports them. */
  scores: z.record(z.string(), z.number()).optional(),
  /** True when the classifier was below its confidence floor and did not commit to a label. */
  abstained: z.boolean().default(false),
  classifier: z.string().min(1).optional(),
  /** False when the classifier's floor was never fitted on data (rails may warn); absent = unknown. */
  calibrated: z.boolean().optional(),
});

export type Intent = z.output<typeof intentSchema>;
export type IntentInput = z.input<typeof intentSchema>;
