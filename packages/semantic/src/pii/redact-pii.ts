import { type DetectPiiOptions, detectPii } from './detect-pii';
import type { PiiFinding } from './pii-kinds';

export interface RedactPiiOptions extends DetectPiiOptions {
  /** Text put in place of a finding. Default: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`. */
  replacement?: (finding: PiiFinding) => string;
}

const defaultReplacement = (finding: PiiFinding) => `[${finding.kind.toUpperCase()}]`;

/**
 * Replaces personal data found by `detectPii`, e.g. before a text reaches a language model.
 * @throws InvalidInputError (`invalid_input`) when `text` is not a string or options are malformed.
 */
export function redactPii(text: string, options: RedactPiiOptions = {}): string {
  const { replacement = defaultReplacement, ...detectOptions } = options;
  let result = text;
  // From the end, so earlier positions stay valid while replacing.
  for (const finding of detectPii(text, detectOptions).reverse()) {
    result = result.slice(0, finding.start) + replacement(finding) + result.slice(finding.end);
  }
  return result;
}
