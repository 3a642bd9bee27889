import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { isValidCardNumber } from './card-number';
import { isValidIban } from './iban';
import { type PiiFinding, type PiiKind, piiKinds } from './pii-kinds';

export interface DetectPiiOptions {
  /** Kinds to look for. Default: all. */
  kinds?: readonly PiiKind[];
}

// Earlier kinds win when matches overlap: an IBAN's digits must not also count as a phone.
// `accept` returns the accepted part of a match (a prefix), or undefined to reject it.
const detectors: ReadonlyArray<{
  kind: PiiKind;
  pattern: RegExp;
  accept: (match: string) => string | undefined;
}> = [
  {
    kind: 'email',
    pattern: /[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi,
    accept: (match) => match,
  },
  {
    kind: 'iban',
    pattern: /\b[a-z]{2}\d{2}(?: ?[a-z0-9]{1,4}){3,9}\b/gi,
    accept: (match) => longestValidPrefix(match, isValidIban),
  },
  {
    kind: 'card',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    accept: (match) => (isValidCardNumber(match) ? match : undefined),
  },
  {
    kind: 'phone',
    pattern: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,5}\b/g,
    accept: (match) => (isLikelyPhone(match) ? match : undefined),
  },
];

const optionsSchema = z.object({ kinds: z.array(z.enum(piiKinds)).optional() });

/**
 * Finds e-mail addresses, phone numbers, payment card numbers (issuer prefix, length and Luhn checked) and IBANs
 * (mod-97-checked), sorted by position, without overlaps. Heuristic: a phone number needs a
 * leading `+` and 7 digits, or 8 digits; dates are not phone numbers.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  parseInput(z.string(), text, 'text');
  const { kinds = piiKinds } = parseInput(optionsSchema, options, 'PII options');
  const findings: PiiFinding[] = [];
  for (const { kind, pattern, accept } of detectors) {
    if (!kinds.includes(kind)) continue;
    for (const match of text.matchAll(pattern)) {
      const value = accept(match[0]);
      if (value === undefined) continue;
      const start = match.index;
      const end = start + value.length;
      const overlaps = findings.some((found) => start < found.end && found.start < end);
      if (!overlaps) findings.push({ kind, start, end, value });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

function isLikelyPhone(match: string): boolean {
  const digits = match.replace(/\D/g, '').length;
  if (digits > 15) return false;
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(match)) return false;
  return match.startsWith('+') ? digits >= 7 : digits >= 8;
}

/** The IBAN pattern can swallow a following word: drop trailing groups until valid. */
function longestValidPrefix(match: string, isValid: (value: string) => boolean) {
  const groups = match.split(/(?=[ -])/);
  for (let count = groups.length; count > 0; count--) {
    const candidate = groups.slice(0, count).join('');
    if (isValid(candidate)) return candidate;
  }
  return undefined;
}
