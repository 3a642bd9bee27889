import { z } from 'zod';
import { localClassifierSettingsSchema } from './local-classifier-settings';

export const localClassifierFormat = 'guardloop.local-classifier';

/** The encoding of `rows` in version 2: see `serializeLocalClassifier`. */
export const localClassifierRowEncoding = 'sparse-float32-base64';

const headerFields = {
  format: z.literal(localClassifierFormat),
  settings: localClassifierSettingsSchema,
  documents: z.number().int().nonnegative(),
  bias: z.array(z.number()),
};

function checkBias(
  json: { bias: number[]; settings: { labels: string[] } },
  context: z.RefinementCtx,
) {
  const labelCount = json.settings.labels.length;
  if (json.bias.length !== labelCount) {
    context.addIssue({ code: 'custom', path: ['bias'], message: `Expected ${labelCount} values` });
  }
}

/**
 * Version 2, written by `toJSON()`: `rows` is one base64 string holding, for each hash bucket
 * seen in training in ascending order, varints for (bucket - previous bucket), its document
 * frequency and its number of kept weights, then per kept weight a varint (label index -
 * previous label index) and a little-endian float32. Weights below `settings.pruneBelow` are
 * left out (they load as 0). The rows are decoded, and checked, by `loadLocalClassifier`.
 */
export const localClassifierJsonSchema = z
  .object({
    ...headerFields,
    version: z.literal(2),
    encoding: z.literal(localClassifierRowEncoding),
    rowCount: z.number().int().nonnegative(),
    rows: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Expected base64'),
  })
  .superRefine(checkBias);

/**
 * Version 1 (before the compact format), still loaded: `rows` holds one entry per hash bucket
 * seen in training: [bucket, document frequency, ...one weight per label]. Never calibrated
 * as far as the loader knows, since version 1 did not record it.
 */
export const localClassifierJsonV1Schema = z
  .object({ ...headerFields, version: z.literal(1), rows: z.array(z.array(z.number())) })
  .superRefine((json, context) => {
    checkBias(json, context);
    const labelCount = json.settings.labels.length;
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

/** Any version `loadLocalClassifier` accepts. */
export const storedLocalClassifierSchema = z.discriminatedUnion('version', [
  localClassifierJsonSchema,
  localClassifierJsonV1Schema,
]);

export type LocalClassifierJson = z.output<typeof localClassifierJsonSchema>;
export type LocalClassifierJsonV1 = z.output<typeof localClassifierJsonV1Schema>;
