import { z } from 'zod';
import { localClassifierSettingsSchema } from './local-classifier-settings';

export const localClassifierFormat = 'guardloop.local-classifier';

/**
 * The serialised form of a local classifier: its settings and learned weights. `rows` holds one
 * entry per hash bucket seen in training: [bucket, document frequency, ...one weight per label].
 */
export const localClassifierJsonSchema = z
  .object({
    format: z.literal(localClassifierFormat),
    version: z.literal(1),
    settings: localClassifierSettingsSchema,
    documents: z.number().int().nonnegative(),
    bias: z.array(z.number()),
    rows: z.array(z.array(z.number())),
  })
  .superRefine((json, context) => {
    const labelCount = json.settings.labels.length;
    if (json.bias.length !== labelCount) {
      context.addIssue({
        code: 'custom',
        path: ['bias'],
        message: `Expected ${labelCount} values`,
      });
    }
    json.rows.forEach((row, index) => {
      const [bucket = -1, documents = -1] = row;
      const valid =
        row.length === labelCount + 2 &&
        Number.isInteger(bucket) &&
        bucket >= 0 &&
        bucket < json.settings.features.buckets &&
        Number.isInteger(documents) &&
        documents >= 1;
      if (!valid) {
        context.addIssue({
          code: 'custom',
          path: ['rows', index],
          message: `Expected [bucket, documentFrequency, ...${labelCount} weights]`,
        });
      }
    });
  });

export type LocalClassifierJson = z.output<typeof localClassifierJsonSchema>;
