import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { TextTooLongError } from '../errors/text-too-long-error';
import { textSchema } from '../text/text-schema';
import { type PiiFinding, type PiiKind, piiKinds } from './pii-kinds';
import { scanPii } from './scan-pii';

/** Default bound on the characters `detectPii`, `redactPii` and `piiRail` scan per call. */
export const defaultMaxPiiTextLength = 100_000;

export interface DetectPiiOptions {
  /** Kinds to look for. Default: all. */
  kinds?: readonly PiiKind[];
  /** Longer texts are refused (`text_too_long`), never scanned in part. Default 100 000. */
  maxLength?: number;
}

const optionsSchema = z.object({
  kinds: z.array(z.enum(piiKinds)).optional(),
  maxLength: z.number().int().positive().optional(),
});

/**
 * Finds e-mail addresses, phone numbers, payment card numbers (issuer prefix, length and Luhn
 * checked) and IBANs (country length and mod-97 checked), sorted by position, without overlaps.
 * The text is folded first (NFKC, Unicode digits to ASCII, zero-width characters dropped, NBSP
 * and dashes unified), so `４１１１…`, `٤١١١…` or `jo＠example.com` are found too; positions and
 * values refer to the original text. Linear time on any input. Heuristic: a phone number needs a
 * leading `+` and 7 digits, or 8 digits; dates are not phone numbers.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 * @throws TextTooLongError (`text_too_long`) when `text` is longer than `maxLength`.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  parseInput(textSchema, text, 'text');
  const { kinds = piiKinds, maxLength = defaultMaxPiiTextLength } = parseInput(
    optionsSchema,
    options,
    'PII options',
  );
  if (text.length > maxLength) throw new TextTooLongError({ length: text.length, maxLength });
  return scanPii(text, kinds);
}
