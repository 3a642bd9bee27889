/** Inputs that made the former regular expressions backtrack quadratically (20 s at 100 KB). */
export const adversarialUnits = {
  letters: 'a',
  digits: '1234567890',
  'digit-dash': '1-',
  'iban-like': 'de89a',
  'email-like': 'x@a.a.',
  'at-signs': '@',
  'plus-digits': '+1 ',
  parentheses: '(1)',
  'spaced-digits': '4 ',
  'fullwidth-digits': '４',
  // Separator runs, quoted local parts, bracketed obfuscations, letters beyond ASCII.
  'line-break-digits': '4\n',
  'spaced-dash-digits': '4 - ',
  'quote-at': '"@',
  'bracket-at': 'a [at] ',
  'non-ascii-address': 'é@é.',
  'combining-digits': '4\u0301',
} as const;

/** `unit` repeated to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
