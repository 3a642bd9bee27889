import {
  abortOptionsSchema,
  createStoreArgumentParser,
  storableTextSchema,
} from '@guardloop/core/internal';
import { z } from 'zod';

const key = storableTextSchema({ label: 'Key', maxBytes: 512 });

/** The ticket a set of Message-IDs belongs to. */
export const emailThreadSchema = z.strictObject({
  ticketId: key,
  /** Trace of the signal that opened the ticket: where a `reopened` outcome is recorded. */
  traceId: key,
});

export type EmailThread = z.output<typeof emailThreadSchema>;

export interface EmailThreadCallOptions {
  abortSignal?: AbortSignal;
}

/** What `link` did with the first of its Message-IDs: the message being received. */
export interface EmailThreadLink {
  /** True when this call linked it: no earlier or concurrent call had. Exactly one call wins. */
  claimed: boolean;
  /** The thread it belongs to after the call: the one given, or the one that won before. */
  thread: EmailThread;
}

/**
 * Where email threading is remembered: Message-ID -> ticket. Message-IDs are given as they
 * appear in headers, angle brackets included (`<abc@mail.example>`).
 */
export interface EmailThreadStore {
  /** The thread of the first of `messageIds` that is known, in the order given. */
  find(
    messageIds: readonly string[],
    options?: EmailThreadCallOptions,
  ): Promise<EmailThread | undefined>;
  /**
   * Links each Message-ID to `thread`; an id already linked keeps its first thread. An
   * insert-if-absent, atomic for the whole call: it is the durable record of "this message was
   * seen", so a call that throws must have linked nothing (a retry is then processed), and of
   * simultaneous calls for one first Message-ID exactly one is told `claimed: true`.
   */
  link(
    thread: EmailThread,
    messageIds: readonly string[],
    options?: EmailThreadCallOptions,
  ): Promise<EmailThreadLink>;
}

// References headers of long threads hold dozens of ids; 1000 bounds a hostile one.
const messageIds = z.array(key).max(1000).readonly();
// The first is the message being received: the one `link` reports on.
const linkedIds = z.array(key).min(1).max(1000).readonly();
const call = abortOptionsSchema;

const argumentSchemas = {
  find: z.tuple([messageIds, call]),
  link: z.tuple([emailThreadSchema, linkedIds, call]),
} as const;

export type EmailThreadStoreMethod = keyof typeof argumentSchemas;

const parse = createStoreArgumentParser<{
  [Method in EmailThreadStoreMethod]: Parameters<EmailThreadStore[Method]>;
}>(argumentSchemas, { store: 'EmailThreadStore' });

/**
 * Validates the arguments of an `EmailThreadStore` call (`invalid_input`), then rejects with the
 * abort reason when the call is aborted. Every implementation calls it first, so all of them
 * accept and refuse the same values.
 */
export function parseEmailThreadStoreArguments<Method extends EmailThreadStoreMethod>(
  method: Method,
  args: readonly unknown[],
): Parameters<EmailThreadStore[Method]> {
  return parse(method, args);
}
