import { z } from 'zod';

/** How texts become features. Stored with a trained classifier: changing it needs retraining. */
export const featureOptionsSchema = z.object({
  /** Number of hash buckets; more buckets mean fewer collisions and a larger model. */
  buckets: z
    .number()
    .int()
    .min(2 ** 8)
    .max(2 ** 24)
    .default(2 ** 18),
  /** Word n-grams from 1 to this length (2 = words and word pairs). */
  wordNgramMax: z.number().int().min(1).max(3).default(2),
  /** Character n-grams inside each word, padded with spaces; they make typos survivable. */
  charNgramMin: z.number().int().min(2).max(6).default(3),
  charNgramMax: z.number().int().min(2).max(6).default(5),
});

export type FeatureOptions = z.output<typeof featureOptionsSchema>;
export type FeatureOptionsInput = z.input<typeof featureOptionsSchema>;
