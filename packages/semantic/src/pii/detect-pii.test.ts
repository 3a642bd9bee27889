import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { adversarialUnits, repeatTo } from './adversarial-inputs.fixture';
import { defaultMaxPiiTextLength, detectPii } from './detect-pii';
import { redactPii } from './redact-pii';

const kinds = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.value]);

describe('detectPii', () => {
  it('finds e-mail addresses', () => {
    expect(kinds('Write to jane.doe+billing@example.co.uk today')).toEqual([
      ['email', 'jane.doe+billing@example.co.uk'],
    ]);
  });

  it('finds card numbers only when the Luhn check passes', () => {
    expect(kinds('card 4111 1111 1111 1111 thanks')).toEqual([['card', '4111 1111 1111 1111']]);
    expect(kinds('card 4111-1111-1111-1111')).toEqual([['card', '4111-1111-1111-1111']]);
    expect(kinds('ref 4111 1111 1111 1112')).toEqual([]);
  });

  it('finds IBANs only when the country length and mod-97 check pass', () => {
    expect(kinds('IBAN: DE89 3704 0044 0532 0130 00, please refund')).toEqual([
      ['iban', 'DE89 3704 0044 0532 0130 00'],
    ]);
    expect(kinds('pay to gb82west12345698765432')).toEqual([['iban', 'gb82west12345698765432']]);
    expect(kinds('BE68 5390 0754 7034 please')).toEqual([['iban', 'BE68 5390 0754 7034']]);
    expect(kinds('DE89 3704 0044 0532 0130 01')).toEqual([]);
  });

  it('finds phone numbers in common formats, but not dates or short ids', () => {
    expect(kinds('call +44 20 7946 0958')).toEqual([['phone', '+44 20 7946 0958']]);
    expect(kinds('call (555) 123-4567 now')).toEqual([['phone', '(555) 123-4567']]);
    expect(kinds('mobile 06 12 34 56 78')).toEqual([['phone', '06 12 34 56 78']]);
    expect(kinds('on 2024-03-15 for order 48213, invoice INV-20931')).toEqual([]);
  });

  it('reports positions, sorted, and filters by kind', () => {
    const text = 'mail a@b.io or call +1 415 555 0100';
    const findings = detectPii(text);
    expect(findings.map((finding) => finding.kind)).toEqual(['email', 'phone']);
    for (const finding of findings) {
      expect(text.slice(finding.start, finding.end)).toBe(finding.value);
    }
    expect(detectPii(text, { kinds: ['phone'] }).map((finding) => finding.kind)).toEqual(['phone']);
  });

  it('returns nothing for clean text', () => {
    expect(detectPii('I forgot my password again')).toEqual([]);
  });

  it('rejects a non-string text or unknown kinds with invalid_input', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf(() => detectPii(12 as unknown as string))).toBe('invalid_input');
    expect(codeOf(() => detectPii('x', { kinds: ['ssn' as 'email'] }))).toBe('invalid_input');
  });

  // A hang guard, not a timing assertion: the former patterns took 20 s on each of these.
  it.each(Object.entries(adversarialUnits))(
    'scans 100 KB of %s without backtracking',
    { timeout: 5000 },
    (_name, unit) => {
      const text = repeatTo(unit, 100 * 1024);
      expect(detectPii(text, { maxLength: text.length })).toEqual([]);
      expect(redactPii(text, { maxLength: text.length })).toBe(text);
    },
  );

  it('still finds real data inside adversarial text', { timeout: 5000 }, () => {
    const noise = repeatTo('x@a.a.1-', 50 * 1024);
    const text = `${noise} jo@example.com ${noise} 4111 1111 1111 1111 ${noise}`;
    expect(detectPii(text, { maxLength: text.length }).map((finding) => finding.kind)).toEqual([
      'email',
      'card',
    ]);
  });

  it('refuses texts over maxLength with text_too_long instead of scanning part of them', () => {
    const text = 'a'.repeat(defaultMaxPiiTextLength + 1);
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
    };
    expect(caught(() => detectPii(text))).toMatchObject({
      code: 'text_too_long',
      length: defaultMaxPiiTextLength + 1,
      maxLength: defaultMaxPiiTextLength,
    });
    expect(caught(() => redactPii('jo@example.com', { maxLength: 5 }))).toMatchObject({
      code: 'text_too_long',
    });
    expect(detectPii('a'.repeat(defaultMaxPiiTextLength))).toEqual([]);
    expect(
      GuardloopError.hasCode(
        caught(() => detectPii('x', { maxLength: 0 })),
        'invalid_input',
      ),
    ).toBe(true);
  });
});
