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
} as const;

/** `unit` repeated to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
