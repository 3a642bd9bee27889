import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii';
import type { PiiKind } from './pii-kinds';
import { redactPii } from './redact-pii';

// What a hostile or careless writer sends, and what the release reviewers probe with.
const found: ReadonlyArray<readonly [string, PiiKind, string]> = [
  ['e-mail, quoted local part', 'email', '"john doe"@example.com'],
  ['e-mail, accented local part', 'email', 'josé@example.com'],
  ['e-mail, decomposed accent before the @', 'email', 'jo\u0301@example.com'],
  ['e-mail, IDN domain', 'email', 'jo@bücher.de'],
  ['e-mail, CJK domain', 'email', 'jo@例え.jp'],
  ['e-mail, Cyrillic top-level domain', 'email', 'jö@пример.рф'],
  ['e-mail, [at] and [dot]', 'email', 'jo [at] example [dot] com'],
  ['e-mail, (at) and (dot)', 'email', 'jo(at)example(dot)com'],
  ['e-mail, { at } upper case', 'email', 'JO { AT } EXAMPLE.COM'],
  ['e-mail, defanged dot', 'email', 'jo@example[.]co[.]uk'],
  ['card, one group per line', 'card', '4111\n1111\n1111\n1111'],
  ['card, CRLF between groups', 'card', '4111\r\n1111\r\n1111\r\n1111'],
  ['card, tabs', 'card', '4111\t1111\t1111\t1111'],
  ['card, spaced dashes', 'card', '4111 - 1111 - 1111 - 1111'],
  ['card, double spaces', 'card', '4111  1111  1111  1111'],
  ['card, mixed separators', 'card', '4111 1111-1111.1111'],
  ['card, combining mark on a digit', 'card', '4\u0301111 1111 1111 1111'],
  ['card, RTL and LTR marks', 'card', '4111\u200f1111\u200e1111\u202b1111'],
  ['card, Amex 4-6-5', 'card', '3782 822463 10005'],
  ['card, Diners 4-6-4', 'card', '3056 930902 5904'],
  ['IBAN, France lower case', 'iban', 'fr76 3000 6000 0112 3456 7890 189'],
  ['IBAN, Netherlands lower case', 'iban', 'nl91 abna 0417 1643 00'],
  ['IBAN, Spain lower case', 'iban', 'es91 2100 0418 4502 0005 1332'],
  ['IBAN, Italy lower case', 'iban', 'it60 x054 2811 1010 0000 0123 456'],
  ['IBAN, Switzerland lower case', 'iban', 'ch93 0076 2011 6238 5295 7'],
  ['IBAN, split over two lines', 'iban', 'GB29 NWBK 6016\n1331 9268 19'],
  ['phone, E.164', 'phone', '+14155550100'],
  ['phone, UK with (0)', 'phone', '+44 (0)20 7946 0958'],
  ['phone, UK national', 'phone', '020 7946 0958'],
  ['phone, US toll-free', 'phone', '1-800-555-0199'],
  ['phone, France', 'phone', '+33 6 12 34 56 78'],
];

describe('PII probes', () => {
  it.each(found)('finds %s and redacts all of it', (_name, kind, value) => {
    const text = `see ${value}, thanks`;
    expect(detectPii(text).map((finding) => [finding.kind, finding.value])).toEqual([
      [kind, value],
    ]);
    expect(redactPii(text)).toBe(`see [${kind.toUpperCase()}], thanks`);
  });

  it('leaves spelled-out obfuscations alone (out of scope: as often prose as an address)', () => {
    expect(detectPii('jo at example dot com')).toEqual([]);
    expect(detectPii('a (at) b, xxx[at]')).toEqual([]);
  });

  it('finds PII inside JSON encoded twice', () => {
    const text = JSON.stringify(JSON.stringify({ e: 'jo@example.com', c: '4111 1111 1111 1111' }));
    expect(redactPii(text)).toBe(JSON.stringify(JSON.stringify({ e: '[EMAIL]', c: '[CARD]' })));
  });

  it('never splits a surrogate pair, whatever surrounds a finding', () => {
    const emoji = '\u{1F600}';
    const bold4 = '\u{1D7D2}';
    const text = [
      `${emoji}jo@example.com${emoji}`,
      // The card starts inside a surrogate pair (`𝟒` folds to `4`).
      `${bold4}111 1111 1111 1111${emoji}`,
      `\u{10400}+44 20 7946 0958\u{1D7CE}x`,
      `e\u0301\u{1F600}\u200f4111 1111 1111 1111\u0301${emoji}`,
    ].join(' | ');
    const findings = detectPii(text);
    expect(findings.map((finding) => finding.kind)).toEqual(['email', 'card', 'phone', 'card']);
    const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
    for (const { start, end } of findings) {
      expect(isLow(text.charCodeAt(start))).toBe(false);
      expect(isLow(text.charCodeAt(end))).toBe(false);
    }
    const redacted = redactPii(text) as unknown as { isWellFormed(): boolean };
    expect(redacted.isWellFormed()).toBe(true);
  });

  it('redacts 50 000 short findings in 1 MB in one pass', { timeout: 10_000 }, () => {
    const text = Array.from({ length: 50_000 }, (_, index) => `u${index}@ex.io`).join(' ');
    const options = { maxLength: text.length };
    expect(detectPii(text, options)).toHaveLength(50_000);
    expect(redactPii(text, options)).toBe(Array(50_000).fill('[EMAIL]').join(' '));
  });

  it('scans a text of exactly maxLength to its last character, and refuses one more', () => {
    const card = '4111111111111111';
    const text = `${'a '.repeat(500)}${card}`;
    expect(detectPii(text, { maxLength: text.length }).map((finding) => finding.end)).toEqual([
      text.length,
    ]);
    expect(() => detectPii(`${text} `, { maxLength: text.length })).toThrow(
      expect.objectContaining({ code: 'text_too_long' }),
    );
  });
});
