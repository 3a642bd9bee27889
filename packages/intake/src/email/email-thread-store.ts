import { parseInput } from '@guardloop/core';
import { abortOptionsSchema, storableTextSchema, throwIfAborted } from '@guardloop/core/internal';
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
  /** Links each Message-ID to `thread`; an id already linked keeps its first thread. */
  link(
    thread: EmailThread,
    messageIds: readonly string[],
    options?: EmailThreadCallOptions,
  ): Promise<void>;
}

// References headers of long threads hold dozens of ids; 1000 bounds a hostile one.
const messageIds = z.array(key).max(1000).readonly();
const call = abortOptionsSchema;

const argumentSchemas = {
  find: z.tuple([messageIds, call]),
  link: z.tuple([emailThreadSchema, messageIds, call]),
} as const;

export type EmailThreadStoreMethod = keyof typeof argumentSchemas;

/**
 * Validates the arguments of an `EmailThreadStore` call (`invalid_input`), then rejects with the
 * abort reason when the call is aborted. Every implementation calls it first, so all of them
 * accept and refuse the same values.
 */
export function parseEmailThreadStoreArguments<Method extends EmailThreadStoreMethod>(
  method: Method,
  args: readonly unknown[],
): Parameters<EmailThreadStore[Method]> {
  const schema: z.ZodType = argumentSchemas[method];
  const parsed = parseInput(schema, args, `EmailThreadStore.${method} arguments`) as unknown[];
  const options = parsed[parsed.length - 1] as EmailThreadCallOptions | undefined;
  throwIfAborted(options?.abortSignal);
  return parsed as Parameters<EmailThreadStore[Method]>;
}
