import type { Clock, IdGenerator, TicketFieldsInput } from '@guardloop/core';
import { clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Taxonomy } from '../taxonomy/define-taxonomy';
import { taxonomySchema } from '../taxonomy/taxonomy-schema';

export interface HelpDeskWebhookOptions<Payload> {
  taxonomy: Taxonomy;
  /**
   * The raw standard fields of a payload, before normalization; replaces the default mapping
   * (channel from the source, priority from the vendor's, category and product area from
   * the first tag or type the taxonomy knows). Gets the validated fields the mapper uses.
   */
  mapFields?: (payload: Payload, defaults: TicketFieldsInput) => TicketFieldsInput;
  tenant?: string;
  clock?: Clock;
  idGenerator?: IdGenerator;
}

export const webhookOptionsSchema = z.object({
  taxonomy: taxonomySchema,
  mapFields: z
    .custom<(payload: unknown, defaults: TicketFieldsInput) => TicketFieldsInput>(
      (value) => typeof value === 'function',
      { message: 'Expected a function' },
    )
    .optional(),
  tenant: z.string().min(1).max(200).optional(),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
});
