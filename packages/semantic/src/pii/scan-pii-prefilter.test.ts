import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { piiKinds } from './pii-kinds';
import { scanAll, scanPii } from './scan-pii';

// scanPii dismisses a text without an `@`, a bracket, 7 digits or an IBAN's start before running
// the scanners: everything a scanner can find must still get through that check.
const kinds = [...piiKinds];
const kindsIn = (text: string) => scanPii(text, kinds).map((finding) => finding.kind);

describe('scanPii prefilter', () => {
  it('finds nothing in texts no scanner can match', () => {
    for (const text of ['customer-6', 'customerId', 'Cannot log in', 'a1', '', '(1)']) {
      expect(scanPii(text, kinds)).toEqual([]);
    }
  });

  it('dismisses ids, dates and amounts of fewer than 7 digits that start no IBAN', () => {
    for (const text of [
      'customer-268926',
      'order 2024-05-01',
      'EUR 12.50, ticket #4471',
      'v1.2.3',
    ]) {
      expect(scanPii(text, kinds)).toEqual([]);
      expect(scanAll(text, kinds)).toEqual([]);
    }
  });

  it('lets through a phone of 7 digits and an IBAN with no digits but its check digits', () => {
    expect(kindsIn('call +33 612 34')).toEqual(
      scanAll('call +33 612 34', kinds).map((f) => f.kind),
    );
    expect(kindsIn('call +3361234')).toEqual(['phone']);
    expect(kindsIn('call 06 12 34 56')).toEqual(['phone']);
    // Qatar's account part may be letters only: two digits in all.
    expect(kindsIn('pay to QA69DOHBABCDEFGHIJKLMNOPQRSTU today')).toEqual(['iban']);
    expect(kindsIn('pay to qa69 dohb abcd efgh ijkl mnop qrst u')).toEqual(['iban']);
  });

  it('still finds what the scanners find, evasions included', () => {
    expect(kindsIn('mail jo@example.com')).toEqual(['email']);
    expect(kindsIn('mail jo [at] example [dot] com')).toEqual(['email']);
    expect(kindsIn('mail jo(at)example(dot)com')).toEqual(['email']);
    expect(kindsIn('mail jo＠example.com')).toEqual(['email']);
    expect(kindsIn('card ４１１１ １１１１ １１１１ １１１１')).toEqual(['card']);
    expect(kindsIn('call +٣٣ ٦ ١٢ ٣٤ ٥٦ ٧٨')).toEqual(['phone']);
    expect(kindsIn('iban DE89 3704 0044 0532 0130 00')).toEqual(['iban']);
  });

  it('finds what every scanner finds, on either path, for any mix of triggers', () => {
    // A zero-width space at the end is dropped by folding but sends the text down the folding
    // path: the findings must be the same as for the plain text, which may skip it, and as the
    // scanners' when nothing is dismissed.
    const random = createSeededRandom(42);
    // `٣` and `＠` fold to `3` and `@`: folded triggers count too.
    const alphabet = 'ab DEQA@.([{)]}-+/0123456789٣＠';
    for (let round = 0; round < 10_000; round++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let index = 0; index < length; index++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      const found = scanAll(text, kinds);
      expect(scanPii(text, kinds), JSON.stringify(text)).toEqual(found);
      expect(scanPii(`${text}\u200b`, kinds), JSON.stringify(text)).toEqual(found);
    }
  });
});
