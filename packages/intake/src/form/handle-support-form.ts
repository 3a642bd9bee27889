import {
  type Clock,
  createSignal,
  type IdGenerator,
  parseInput,
  type Signal,
} from '@guardloop/core';
import { clockSchema, describeThrown, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Taxonomy } from '../taxonomy/define-taxonomy';
import { taxonomySchema } from '../taxonomy/taxonomy-schema';
import { type SupportForm, supportFormSchema } from './support-form-schema';

export interface HandleSupportFormOptions {
  taxonomy: Taxonomy;
  /** The signal's `source`. Default `web_form`. */
  source?: string;
  /** The signal's `fields.channel`. Default `web`. */
  channel?: string;
  tenant?: string;
  clock?: Clock;
  idGenerator?: IdGenerator;
}

/** Rendered by a web framework: the signal, or messages per field path (`''` for the form). */
export type SupportFormResult =
  | { ok: true; signal: Signal; form: SupportForm }
  | { ok: false; fieldErrors: Record<string, string[]> };

const optionsSchema = z.object({
  taxonomy: taxonomySchema,
  source: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(200).optional(),
  tenant: z.string().min(1).max(200).optional(),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
});

/**
 * Validates a submitted support form and turns it into a ticket signal with the standard fields
 * normalized through the taxonomy. Invalid submissions are a result, not an error: the customer
 * fixes them. Resubmitting the same form gives the same fingerprint (for deduplication).
 * @throws InvalidInputError (`invalid_input`) when the options are malformed (a host bug)
 */
export function handleSupportForm(
  input: unknown,
  options: HandleSupportFormOptions,
): SupportFormResult {
  const {
    taxonomy,
    source = 'web_form',
    channel = 'web',
    tenant,
    clock,
    idGenerator,
  } = parseInput(optionsSchema, options, 'handleSupportForm options');
  let parsed: z.ZodSafeParseResult<SupportForm>;
  try {
    parsed = supportFormSchema.safeParse(input);
  } catch (error) {
    return {
      ok: false,
      fieldErrors: { '': [`The form cannot be read (${describeThrown(error)})`] },
    };
  }
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
    }
    return { ok: false, fieldErrors };
  }
  const form = parsed.data;
  const fields = taxonomy.normalize({
    category: form.category,
    productArea: form.productArea,
    priority: form.priorityHint,
    channel,
  });
  const signal = createSignal(
    {
      source,
      kind: 'ticket',
      payload: {
        email: form.email,
        ...(form.name === undefined ? {} : { name: form.name }),
        subject: form.subject,
        description: form.description,
        attachments: form.attachments,
      },
      fields,
      ...(tenant === undefined ? {} : { tenant }),
    },
    {
      ...(clock === undefined ? {} : { clock }),
      ...(idGenerator === undefined ? {} : { idGenerator }),
    },
  );
  return { ok: true, signal, form };
}
