import { z } from 'zod';

// A line break in a subject is how header injection starts when it is mailed on.
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine(
      (value) => !['\r', '\n', '\u0000'].some((character) => value.includes(character)),
      'Must be a single line',
    );

const optionalChoice = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Metadata of a file the customer attached: the bytes stay with the host's file storage. */
export const supportFormAttachmentSchema = z.object({
  name: singleLine(255),
  type: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Must be a media type such as image/png'),
  size: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(25 * 1024 * 1024, 'At most 25 MB'),
  /** Where the host stored it, e.g. an object-store key. */
  url: z.string().max(2048).optional(),
});

/**
 * A support form with the standard fields. Unknown keys are ignored; `category`, `productArea`
 * and `priorityHint` go through the taxonomy (unknown values become `other`, never errors).
 */
export const supportFormSchema = z.object({
  email: z.email('Must be an email address').max(254),
  name: singleLine(200).optional(),
  subject: singleLine(200),
  description: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(20_000, 'At most 20000 characters')
    .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters'),
  category: optionalChoice,
  productArea: optionalChoice,
  /** What the customer thinks; the priority scorer decides. */
  priorityHint: optionalChoice,
  attachments: z.array(supportFormAttachmentSchema).max(10, 'At most 10 attachments').default([]),
});

export type SupportForm = z.output<typeof supportFormSchema>;
export type SupportFormInput = z.input<typeof supportFormSchema>;
export type SupportFormAttachment = z.output<typeof supportFormAttachmentSchema>;
