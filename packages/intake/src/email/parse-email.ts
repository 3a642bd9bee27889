import { InvalidInputError, parseInput } from '@guardloop/core';
import { abortOptionsSchema, raceAbort, throwIfAborted } from '@guardloop/core/internal';
import PostalMime, { type Email } from 'postal-mime';
import { z } from 'zod';
import { EmailTooLargeError } from '../errors/email-too-large-error';
import { MalformedEmailError } from '../errors/malformed-email-error';
import type { ParsedEmail } from './parsed-email';
import { toParsedEmail } from './to-parsed-email';

/** A raw RFC 5322 message: text, or its bytes (a Node `Buffer` is a `Uint8Array`). */
export type RawEmail = string | Uint8Array | ArrayBuffer;

export interface ParseEmailOptions {
  /** Largest raw message accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /**
   * Longest text handed to the reply parser (its regular expressions are not linear): a longer
   * body, a line over 1 000 characters, or many repeats of a quote-header keyword keep the full
   * text as `reply`, with a `reply_not_stripped` warning. Default 32 000.
   */
  maxReplyParseChars?: number;
  abortSignal?: AbortSignal;
}

export const defaultMaxEmailBytes = 10 * 1024 * 1024;

export const parseEmailOptionsSchema = abortOptionsSchema.unwrap().extend({
  maxBytes: z.int().positive().optional(),
  maxReplyParseChars: z.int().positive().optional(),
});

// Headers only a message has: a text with none of them is not an email.
const messageHeaders = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'received',
  'sender',
  'reply-to',
  'return-path',
]);

/**
 * Parses a raw RFC 5322 / MIME message with postal-mime: decoded headers, plain text (converted
 * from HTML when there is no text part), the reply without quotes and signature, attachments
 * as metadata. A missing Message-ID is derived from the content and reported in `warnings`.
 * @throws InvalidInputError (`invalid_input`) when `raw` is not a string, Uint8Array or ArrayBuffer
 * @throws EmailTooLargeError (`email_too_large`) over `maxBytes`, before any parsing
 * @throws MalformedEmailError (`malformed_email`) for empty input, no header block, or MIME
 * the parser refuses
 */
export async function parseEmail(
  raw: RawEmail,
  options: ParseEmailOptions = {},
): Promise<ParsedEmail> {
  const {
    maxBytes = defaultMaxEmailBytes,
    maxReplyParseChars = 32_000,
    abortSignal,
  } = parseInput(parseEmailOptionsSchema.optional(), options, 'parseEmail options') ?? {};
  throwIfAborted(abortSignal);
  const size = byteSize(raw, maxBytes);
  if (size > maxBytes) throw new EmailTooLargeError({ size, maxBytes });
  if (size === 0 || (typeof raw === 'string' && raw.trim() === '')) {
    throw new MalformedEmailError({ reason: 'empty', detail: 'the input is empty.' });
  }
  let email: Email;
  try {
    email = await raceAbort(
      PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' }),
      abortSignal,
    );
  } catch (error) {
    if (abortSignal?.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new MalformedEmailError({ reason: 'unparsable', detail, cause: error });
  }
  if (!email.headers.some((header) => messageHeaders.has(header.key))) {
    throw new MalformedEmailError({
      reason: 'no_headers',
      detail: 'no RFC 5322 header was found.',
    });
  }
  return toParsedEmail(email, maxReplyParseChars);
}

function byteSize(raw: unknown, maxBytes: number): number {
  if (typeof raw === 'string') {
    // Every UTF-16 unit is at least one UTF-8 byte: a string this long is refused unencoded.
    return raw.length > maxBytes ? raw.length : Buffer.byteLength(raw, 'utf8');
  }
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) return raw.byteLength;
  throw new InvalidInputError({
    subject: 'email',
    issues: [
      { path: '', message: 'Expected the raw message as a string, Uint8Array or ArrayBuffer' },
    ],
  });
}
