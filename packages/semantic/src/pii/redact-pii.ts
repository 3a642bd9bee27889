import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import { type DetectPiiOptions, detectPii } from './detect-pii';
import type { PiiFinding } from './pii-kinds';

export interface RedactPiiOptions extends DetectPiiOptions {
  /** Text put in place of a finding. Default: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`. */
  replacement?: (finding: PiiFinding) => string;
}

const replacementSchema = z.custom<RedactPiiOptions['replacement']>(
  (value) => typeof value === 'function',
  'Expected a function',
);
const defaultReplacement = (finding: PiiFinding) => `[${finding.kind.toUpperCase()}]`;
// The rest (`kinds`, `maxLength`) is left to detectPii, which checks it.
const optionsSchema = z.looseObject({ replacement: replacementSchema.optional() });

/**
 * Replaces personal data found by `detectPii`, e.g. before a text reaches a language model.
 * The original span of each finding is replaced, including any zero-width characters in it.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 * @throws TextTooLongError (`text_too_long`) when `text` is longer than `maxLength`.
 */
export function redactPii(text: string, options: RedactPiiOptions = {}): string {
  // Parsed before it is read: `null` or a throwing getter gets invalid_input, not a TypeError.
  const { replacement = defaultReplacement, ...detectOptions } = parseInput(
    optionsSchema,
    options,
    'PII options',
  );
  return replaceFindings(text, detectPii(text, detectOptions as DetectPiiOptions), replacement);
}

/** Replaces sorted, non-overlapping findings in one pass (linear, however many there are). */
export function replaceFindings(
  text: string,
  findings: readonly PiiFinding[],
  replacement: (finding: PiiFinding) => string = defaultReplacement,
): string {
  // Most strings hold nothing to redact.
  if (findings.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const finding of findings) {
    parts.push(text.slice(from, finding.start), replacement(finding));
    from = finding.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
