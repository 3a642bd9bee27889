import {
  type Clock,
  createTicketLifecycle,
  type IdGenerator,
  parseInput,
  randomIdGenerator,
  systemClock,
  type TicketFields,
  type TicketFieldsInput,
  type TicketLifecycle,
  ticketFieldsSchema,
} from '@guardloop/core';
import { clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { Taxonomy } from '../taxonomy/define-taxonomy';
import { taxonomySchema } from '../taxonomy/taxonomy-schema';
import type { EmailIntakeFeedbackRecorder, EmailIntakeTickets } from './email-intake-dependencies';
import type { EmailThreadStore } from './email-thread-store';
import { type ParseEmailOptions, parseEmailOptionsSchema } from './parse-email';
import type { ParsedEmail } from './parsed-email';

export interface EmailIntakeOptions {
  /** Message-ID -> ticket: how replies find their ticket. */
  threads: EmailThreadStore;
  /** The host's tickets: needed to reopen a `resolved` ticket (and resume a `pending_customer` one). */
  tickets?: EmailIntakeTickets;
  /** Records `reopened` outcomes: `createOutcomeRecorder` from `@guardloop/feedback`. */
  feedback?: EmailIntakeFeedbackRecorder;
  /**
   * Normalizes the standard fields of every signal (unknown values become `other`, kept in
   * `raw` and counted). Without it the fields are `{ channel }` as given.
   */
  taxonomy?: Taxonomy;
  /** The `channel` field of the signals, before normalization. Default `email`. */
  channel?: string;
  /**
   * More raw standard fields of a message (category, product area, segment, priority...), e.g.
   * from the address it was sent to; the channel is added unless returned. Normalized through
   * `taxonomy` when given.
   */
  mapFields?: (email: ParsedEmail) => TicketFieldsInput;
  /** `source` of the signals. Default `email`. */
  source?: string;
  tenant?: string;
  clock?: Clock;
  idGenerator?: IdGenerator;
  /** Largest raw message accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** See `parseEmail`. Default 32 000. */
  maxReplyParseChars?: number;
}

const hasMethods =
  <Value>(...names: string[]) =>
  (value: unknown): value is Value =>
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const optionsSchema = z.strictObject({
  threads: z.custom<EmailThreadStore>(hasMethods('find', 'link'), 'Expected an EmailThreadStore'),
  tickets: z
    .custom<EmailIntakeTickets>(hasMethods('get', 'save'), 'Expected { get, save }')
    .optional(),
  feedback: z
    .custom<EmailIntakeFeedbackRecorder>(hasMethods('record'), 'Expected an outcome recorder')
    .optional(),
  taxonomy: taxonomySchema.optional(),
  channel: z.string().trim().min(1).max(200).optional(),
  mapFields: z
    .custom<(email: ParsedEmail) => TicketFieldsInput>(
      (value) => typeof value === 'function',
      'Expected a function',
    )
    .optional(),
  source: z.string().trim().min(1).optional(),
  tenant: z.string().trim().min(1).optional(),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  maxBytes: parseEmailOptionsSchema.shape.maxBytes,
  maxReplyParseChars: parseEmailOptionsSchema.shape.maxReplyParseChars,
});

/** The options once validated, with their defaults. */
export interface EmailIntakeSettings {
  threads: EmailThreadStore;
  tickets: EmailIntakeTickets | undefined;
  feedback: EmailIntakeFeedbackRecorder | undefined;
  /** The standard fields of a message's signal. */
  fields: (email: ParsedEmail) => TicketFields;
  source: string;
  tenant: string | undefined;
  clock: Clock;
  idGenerator: IdGenerator;
  lifecycle: TicketLifecycle;
  parseOptions: Omit<ParseEmailOptions, 'abortSignal'>;
}

/** @throws InvalidInputError (`invalid_input`) for malformed options */
export function resolveEmailIntakeSettings(options: EmailIntakeOptions): EmailIntakeSettings {
  const parsed = parseInput(optionsSchema, options, 'email intake options');
  const clock = parsed.clock ?? systemClock;
  return {
    threads: parsed.threads,
    tickets: parsed.tickets,
    feedback: parsed.feedback,
    fields: emailFields(parsed.taxonomy, parsed.channel ?? 'email', parsed.mapFields),
    source: parsed.source ?? 'email',
    tenant: parsed.tenant,
    clock,
    idGenerator: parsed.idGenerator ?? randomIdGenerator,
    lifecycle: createTicketLifecycle({ clock }),
    parseOptions: {
      ...(parsed.maxBytes === undefined ? {} : { maxBytes: parsed.maxBytes }),
      ...(parsed.maxReplyParseChars === undefined
        ? {}
        : { maxReplyParseChars: parsed.maxReplyParseChars }),
    },
  };
}

function emailFields(
  taxonomy: Taxonomy | undefined,
  channel: string,
  mapFields: ((email: ParsedEmail) => TicketFieldsInput) | undefined,
): (email: ParsedEmail) => TicketFields {
  return (email) => {
    const mapped = mapFields?.(email);
    const raw = { ...mapped, channel: mapped?.channel ?? channel };
    // Without a taxonomy the fields are still checked: a bad value is invalid_input, not a bad signal.
    return taxonomy
      ? taxonomy.normalize(raw)
      : parseInput(ticketFieldsSchema, raw, 'fields returned by mapFields');
  };
}
