import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii';
import type { PiiKind } from './pii-kinds';
import { redactPii } from './redact-pii';

// What a hostile or careless writer sends, and what the release reviewers probe with.
const found: ReadonlyArray<readonly [string, PiiKind, string]> = [
  ['e-mail, quoted local part', 'email', '"john doe"@example.com'],
  ['e-mail, apostrophe in the local part', 'email', "o'brien@example.ie"],
  ['e-mail, accented local part', 'email', 'josé@example.com'],
  ['e-mail, decomposed accent before the @', 'email', 'jo\u0301@example.com'],
  ['e-mail, IDN domain', 'email', 'jo@bücher.de'],
  ['e-mail, CJK domain', 'email', 'jo@例え.jp'],
  ['e-mail, Cyrillic top-level domain', 'email', 'jö@пример.рф'],
  ['e-mail, punycode domain and top-level domain', 'email', 'jo@xn--e1afmkfd.xn--p1ai'],
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
  ['phone, Russia with trunk prefix', 'phone', '8 (800) 555-35-35'],
  ['phone, US with 1 and area code', 'phone', '1 (415) 555-0100'],
  ['phone, Russia international', 'phone', '+7 (495) 123-45-67'],
  ['phone, Brazil', 'phone', '(11) 91234-5678'],
  ['phone, Japan', 'phone', '03-1234-5678'],
  ['phone, India', 'phone', '+91 98765 43210'],
  ['phone, 00 international prefix', 'phone', '0044 20 7946 0958'],
];

describe('PII probes', () => {
  it.each(found)('finds %s and redacts all of it', (_name, kind, value) => {
    const text = `see ${value}, thanks`;
    expect(detectPii(text).map((finding) => [finding.kind, finding.value])).toEqual([
      [kind, value],
    ]);
    expect(redactPii(text)).toBe(`see [${kind.toUpperCase()}], thanks`);
  });

  // Stripe's and PayPal's published test numbers, and the networks the first scanner left out
  // (Mir, RuPay, Troy, UATP).
  it.each([
    '4242424242424242',
    '4000056655665556',
    '5555555555554444',
    '2223003122003222',
    '5200828282828210',
    '5105105105105100',
    '378282246310005',
    '371449635398431',
    '6011111111111117',
    '6011000990139424',
    '6011981111111113',
    '3056930009020004',
    '36227206271667',
    '3566002020360505',
    '6200000000000005',
    '6205500000000000004',
    '6759649826438453',
    '6799990100000000019',
    '4000002500001001',
    '2200000000000004',
    '2204 1234 5678 9015',
    '8172000000000005',
    '9792000000000003',
    '123456789012347',
  ])('finds the card number %s', (number) => {
    expect(redactPii(`card: ${number}.`)).toBe('card: [CARD].');
  });

  // The example IBAN of every country in the SWIFT IBAN registry, as printed (lower case, a space
  // every four characters) and compact.
  const registryExamples = [
    'AD1200012030200359100100',
    'AE070331234567890123456',
    'AL47212110090000000235698741',
    'AT611904300234573201',
    'AZ21NABZ00000000137010001944',
    'BA391290079401028494',
    'BE68539007547034',
    'BG80BNBG96611020345678',
    'BH67BMAG00001299123456',
    'BR1800360305000010009795493C1',
    'BY13NBRB3600900000002Z00AB00',
    'CH9300762011623852957',
    'CR05015202001026284066',
    'CY17002001280000001200527600',
    'CZ6508000000192000145399',
    'DE89370400440532013000',
    'DK5000400440116243',
    'DO28BAGR00000001212453611324',
    'EE382200221020145685',
    'EG380019000500000000263180002',
    'ES9121000418450200051332',
    'FI2112345600000785',
    'FO6264600001631634',
    'FR1420041010050500013M02606',
    'GB29NWBK60161331926819',
    'GE29NB0000000101904917',
    'GI75NWBK000000007099453',
    'GL8964710001000206',
    'GR1601101250000000012300695',
    'GT82TRAJ01020000001210029690',
    'HR1210010051863000160',
    'HU42117730161111101800000000',
    'IE29AIBK93115212345678',
    'IL620108000000099999999',
    'IQ98NBIQ850123456789012',
    'IS140159260076545510730339',
    'IT60X0542811101000000123456',
    'JO94CBJO0010000000000131000302',
    'KW81CBKU0000000000001234560101',
    'KZ86125KZT5004100100',
    'LB62099900000001001901229114',
    'LC55HEMM000100010012001200023015',
    'LI21088100002324013AA',
    'LT121000011101001000',
    'LU280019400644750000',
    'LV80BANK0000435195001',
    'MC5811222000010123456789030',
    'MD24AG000225100013104168',
    'ME25505000012345678951',
    'MK07250120000058984',
    'MR1300020001010000123456753',
    'MT84MALT011000012345MTLCAST001S',
    'MU17BOMM0101101030300200000MUR',
    'NL91ABNA0417164300',
    'NO9386011117947',
    'PK36SCBL0000001123456702',
    'PL61109010140000071219812874',
    'PS92PALS000000000400123456702',
    'PT50000201231234567890154',
    'QA58DOHB00001234567890ABCDEFG',
    'RO49AAAA1B31007593840000',
    'RS35260005601001611379',
    'SA0380000000608010167519',
    'SC18SSCB11010000000000001497USD',
    'SE4550000000058398257466',
    'SI56263300012039086',
    'SK3112000000198742637541',
    'SM86U0322509800000000270100',
    'ST68000100010051845310112',
    'SV62CENR00000000000000700025',
    'TL380080012345678910157',
    'TN5910006035183598478831',
    'TR330006100519786457841326',
    'UA213223130000026007233566001',
    'VA59001123000012345678',
    'VG96VPVG0000012345678901',
    'XK051212012345678906',
  ];
  it.each(registryExamples)('finds the IBAN %s, printed or compact', (iban) => {
    const printed = iban.toLowerCase().replace(/(.{4})(?!$)/g, '$1 ');
    expect(redactPii(`pay to ${printed}, ref 12`)).toBe('pay to [IBAN], ref 12');
    expect(redactPii(`IBAN:${iban}`)).toBe('IBAN:[IBAN]');
  });

  it("keeps the quotes an address is written in out of it: 'jo@example.com'", () => {
    expect(redactPii("mail 'jo@example.com' or ''o'brien@example.ie'")).toBe(
      "mail '[EMAIL]' or ''[EMAIL]'",
    );
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
