import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii';
import type { PiiKind } from './pii-kinds';
import { redactPii } from './redact-pii';

const fullwidth = (text: string) =>
  text.replace(/[0-9A-Za-z@]/g, (c) => String.fromCodePoint((c.codePointAt(0) as number) + 0xfee0));
const digitsFrom = (zero: number) => (text: string) =>
  text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
const arabicIndic = digitsFrom(0x0660);
const persian = digitsFrom(0x06f0);
const devanagari = digitsFrom(0x0966);
const mathBold = digitsFrom(0x1d7ce);

const card = '4111 1111 1111 1111';
const iban = 'DE89 3704 0044 0532 0130 00';
const phone = '+44 20 7946 0958';

// Each variant is written the way an evasion would write it; all must be found and redacted.
const variants: ReadonlyArray<readonly [string, PiiKind, string]> = [
  ['card, fullwidth digits', 'card', fullwidth(card)],
  ['card, Arabic-Indic digits', 'card', arabicIndic(card)],
  ['card, Persian digits', 'card', persian(card)],
  ['card, Devanagari digits', 'card', devanagari(card)],
  ['card, mathematical bold digits (surrogate pairs)', 'card', mathBold(card)],
  ['card, zero-width spaces', 'card', card.replaceAll(' ', '\u200b')],
  ['card, zero-width joiners inside groups', 'card', '41\u200d11 1111 11\u200c11 1111'],
  ['card, soft hyphens and word joiners', 'card', '4111\u00ad1111\u20601111\ufeff1111'],
  ['card, NBSP', 'card', card.replaceAll(' ', '\u00a0')],
  ['card, narrow NBSP', 'card', card.replaceAll(' ', '\u202f')],
  ['card, dots', 'card', card.replaceAll(' ', '.')],
  ['card, slashes', 'card', card.replaceAll(' ', '/')],
  ['card, en dashes', 'card', card.replaceAll(' ', '\u2013')],
  [
    'card, no separators with zero-width spaces between every digit',
    'card',
    [...'4111111111111111'].join('\u200b'),
  ],
  ['IBAN, dashes', 'iban', iban.replaceAll(' ', '-')],
  ['IBAN, fullwidth', 'iban', fullwidth(iban)],
  ['IBAN, NBSP', 'iban', iban.replaceAll(' ', '\u00a0')],
  ['IBAN, zero-width spaces, lower case', 'iban', iban.toLowerCase().replaceAll(' ', '\u200b')],
  ['IBAN, Arabic-Indic digits', 'iban', arabicIndic(iban)],
  ['e-mail, fullwidth at sign', 'email', 'jo\uff20example.com'],
  ['e-mail, small at sign', 'email', 'jo\ufe6bexample.com'],
  ['e-mail, fullwidth letters', 'email', fullwidth('jo@example.com')],
  ['e-mail, zero-width characters', 'email', 'j\u200bo@exa\u200dmple.c\u2060om'],
  ['e-mail, ideographic full stop', 'email', 'jo@example\u3002com'],
  ['e-mail, fullwidth full stop', 'email', 'jo@example\uff0ecom'],
  ['phone, Arabic-Indic digits', 'phone', arabicIndic(phone)],
  ['phone, fullwidth plus and digits', 'phone', fullwidth(phone).replace('+', '\uff0b')],
  ['phone, NBSP', 'phone', phone.replaceAll(' ', '\u00a0')],
  ['phone, dots', 'phone', phone.replaceAll(' ', '.')],
  ['phone, slashes', 'phone', '0612/345/678'],
  ['phone, non-breaking hyphens', 'phone', '(555) 123\u20114567'],
  ['phone, zero-width spaces', 'phone', '06\u200b12\u200b34\u200b56\u200b78'],
];

describe('PII evasion variants', () => {
  it('covers at least 21 variants', () => expect(variants.length).toBeGreaterThanOrEqual(21));

  it.each(variants)('finds %s and redacts the original span', (_name, kind, variant) => {
    const text = `before ${variant} after`;
    const findings = detectPii(text);
    expect(findings.map((finding) => finding.kind)).toEqual([kind]);
    const [finding] = findings;
    expect(finding?.value).toBe(variant);
    expect(text.slice(finding?.start, finding?.end)).toBe(variant);
    expect(redactPii(text)).toBe(`before [${kind.toUpperCase()}] after`);
  });

  it('keeps invalid numbers out, however they are written', () => {
    expect(detectPii(fullwidth('4111 1111 1111 1112'))).toEqual([]);
    expect(detectPii(arabicIndic('DE89 3704 0044 0532 0130 01'))).toEqual([]);
    expect(detectPii(arabicIndic('on 2024-03-15 for order 48213'))).toEqual([]);
    expect(detectPii('v1.2.3 build 2024.03.15, see page 12/30')).toEqual([]);
  });
});
