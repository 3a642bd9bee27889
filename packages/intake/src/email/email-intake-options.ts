import {
  type Clock,
  createSignalDeduplicator,
  createTicketLifecycle,
  type IdGenerator,
  parseInput,
  randomIdGenerator,
  type SignalDeduplicator,
  systemClock,
  type TicketLifecycle,
} from '@guardloop/core';
import { clockSchema, idGeneratorSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { EmailIntakeFeedbackRecorder, EmailIntakeTickets } from './email-intake-dependencies';
import type { EmailThreadStore } from './email-thread-store';
import { type ParseEmailOptions, parseEmailOptionsSchema } from './parse-email';

export interface EmailIntakeOptions {
  /** Message-ID -> ticket: how replies find their ticket. */
  threads: EmailThreadStore;
  /** The host's tickets: needed to reopen a `resolved` ticket (and resume a `pending_customer` one). */
  tickets?: EmailIntakeTickets;
  /** Records `reopened` outcomes: `createOutcomeRecorder` from `@guardloop/feedback`. */
  feedback?: EmailIntakeFeedbackRecorder;
  /** Repeats of one Message-ID within its window are `duplicate`. Default: a 24-hour window. */
  deduplicator?: SignalDeduplicator;
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
  deduplicator: z
    .custom<SignalDeduplicator>(hasMethods('check'), 'Expected a SignalDeduplicator')
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
  deduplicator: SignalDeduplicator;
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
    deduplicator:
      parsed.deduplicator ?? createSignalDeduplicator({ clock, windowMs: 24 * 60 * 60 * 1000 }),
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
