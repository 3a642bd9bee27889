import { z } from 'zod';
import { unstorableStringReason } from '../utils/storable-values';

// Stores keep fields as text: NUL and lone surrogates would not come back unchanged.
const value = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((text, context) => {
    const reason = unstorableStringReason(text);
    if (reason) context.addIssue({ code: 'custom', message: `A ticket field ${reason}` });
  });

const standardFields = {
  /** Issue type from a small controlled list, e.g. `billing.refund`. */
  category: value.optional(),
  productArea: value.optional(),
  /** Where the ticket came in: `email`, `web`, `chat`, `phone`... */
  channel: value.optional(),
  /** Customer segment or tier, e.g. `enterprise`. */
  segment: value.optional(),
  /** A priority level such as `p1`..`p4`. */
  priority: value.optional(),
  resolutionCode: value.optional(),
};

/**
 * The standard ticket fields a signal may carry, each from a small controlled list (see
 * `defineTaxonomy` in @guardloop/intake). `raw` keeps what the source sent when a value was
 * mapped to `other`, so unknown values stay reviewable instead of becoming new buckets.
 */
export const ticketFieldsSchema = z.object({
  ...standardFields,
  raw: z.object(standardFields).optional(),
});

export type TicketFields = z.output<typeof ticketFieldsSchema>;
export type TicketFieldsInput = z.input<typeof ticketFieldsSchema>;
