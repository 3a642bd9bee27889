import { findStorableJsonIssue, storableTextSchema } from '@guardloop/core/internal';
import { z } from 'zod';

const text = (label: string, maxBytes: number) => storableTextSchema({ label, maxBytes });

/** Any JSON a store keeps unchanged (jsonb round trip). */
export const learningJsonSchema = z.unknown().superRefine((value, context) => {
  const issue = findStorableJsonIssue(value, {
    maxDepth: 16,
    maxChars: 256 * 1024,
    semantics: 'plain',
  });
  if (issue) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

/** One thing a learning run changed, proposed or held back. */
export const learningReportItemSchema = z.strictObject({
  /** What it is about, e.g. `floor`, `artifact`, `route`, `problem`, `playbook`. */
  kind: text('Kind', 128),
  /** The id of the thing (artifact id, rail name...), when it has one. */
  id: text('Id', 512).optional(),
  description: text('Description', 4096),
  details: learningJsonSchema.optional(),
});
export type LearningReportItem = z.output<typeof learningReportItemSchema>;

const items = z.array(learningReportItemSchema).max(1000).default([]);

/**
 * What a learning job returns: `changed` took effect automatically (low-risk updates);
 * `proposed` is what the job sent for approval itself (e.g. through the artifact registry's
 * approval flow) and has NOT taken effect; `heldBack` is what it chose not to do, with why.
 */
export const learningJobReportSchema = z.strictObject({
  changed: items,
  proposed: items,
  heldBack: z
    .array(learningReportItemSchema.extend({ reason: text('Reason', 4096) }))
    .max(1000)
    .default([]),
  summary: text('Summary', 4096).optional(),
});
export type LearningJobReport = z.output<typeof learningJobReportSchema>;
export type LearningJobReportInput = z.input<typeof learningJobReportSchema>;
