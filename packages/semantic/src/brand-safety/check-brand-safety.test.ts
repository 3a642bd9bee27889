import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { checkBrandSafety, createBrandSafetyCheck } from './check-brand-safety';
import { defaultUnsafeContentPatterns } from './unsafe-content-pattern';

const ids = (text: string) => checkBrandSafety(text).map((finding) => finding.id);

describe('checkBrandSafety', () => {
  it('accepts a polite, non-committal reply', () => {
    expect(
      ids('Thanks for reaching out! I have reset your password link; it expires in 1 hour.'),
    ).toEqual([]);
  });

  it('finds profanity, including obfuscated spellings, with its position', () => {
    const findings = checkBrandSafety('What the fuuuck is this');
    expect(findings).toMatchObject([{ id: 'profanity', kind: 'profanity', verdict: 'deny' }]);
    expect(ids('This is sh1t')).toEqual(['profanity']);
    expect(ids('Our office is in Scunthorpe')).toEqual([]);
  });

  it('flags refund promises and legal advice for escalation', () => {
    expect(checkBrandSafety("Don't worry, we will issue a full refund today.")).toMatchObject([
      { id: 'refund_promise', verdict: 'escalate' },
    ]);
    expect(ids("You'll receive your refund tomorrow")).toEqual(['refund_promise']);
    expect(ids('Honestly, you should sue them.')).toEqual(['legal_advice']);
  });

  it('denies requests for credentials and abuse', () => {
    expect(checkBrandSafety('Please reply with your password so I can check.')).toMatchObject([
      { id: 'credentials_request', verdict: 'deny' },
    ]);
    expect(ids('Can you send me the 2FA code you received?')).toEqual(['credentials_request']);
    expect(ids('That was a stupid question')).toEqual(['abuse']);
  });

  it('folds zero-width and format characters, fullwidth letters and no-break spaces first', () => {
    expect(ids('What the f\u200Buck')).toEqual(['profanity']);
    expect(ids('\uFF46\uFF55\uFF43\uFF4B')).toEqual(['profanity']);
    expect(ids('That was a st\u00ADupid question')).toEqual(['abuse']);
    expect(ids('Reply with your 2FA\u2060 code')).toEqual(['credentials_request']);
    expect(ids('You\u00A0should\u00A0sue them')).toEqual(['legal_advice']);
    // Findings point into the original text: the span covers the hidden characters.
    const text = 'ok, f\u200Bu\u200Bck';
    expect(checkBrandSafety(text)).toMatchObject([
      { id: 'profanity', start: 4, end: text.length, match: 'f\u200Bu\u200Bck' },
    ]);
    // A custom pattern sees the folded text too.
    const patterns = [{ id: 'x', pattern: /secret/, verdict: 'deny' as const, reason: 'X.' }];
    expect(checkBrandSafety('ｓｅｃｒｅｔ', { patterns, profanity: false })).toMatchObject([
      { id: 'x', start: 0, end: 6, match: 'ｓｅｃｒｅｔ' },
    ]);
  });

  it('supports custom patterns and a profanity switch', () => {
    const patterns = [
      ...defaultUnsafeContentPatterns,
      {
        id: 'discount',
        pattern: /\b\d+% off\b/i,
        verdict: 'escalate' as const,
        reason: 'Discount.',
      },
    ];
    expect(checkBrandSafety('Take 50% off, fuck it', { patterns, profanity: false })).toMatchObject(
      [{ id: 'discount', match: '50% off', start: 5, end: 12 }],
    );
  });

  it('rejects bad input with invalid_input', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return GuardloopError.isInstance(error) ? error.code : 'other';
      }
    };
    expect(codeOf(() => checkBrandSafety(undefined as unknown as string))).toBe('invalid_input');
    expect(codeOf(() => checkBrandSafety('x', { patterns: [{ id: 'a' }] as never }))).toBe(
      'invalid_input',
    );
  });
});

describe('checkBrandSafety with custom patterns', () => {
  it('applies a sticky custom pattern anywhere in the text, not only at its start', () => {
    const patterns = [
      { id: 'refund', pattern: /refund/iy, verdict: 'deny' as const, reason: 'R.' },
    ];
    const findings = checkBrandSafety('We will issue a full REFUND today', { patterns });
    expect(findings.map((finding) => finding.match)).toEqual(['REFUND']);
  });

  it('finds what each pattern finds when they are checked together first', () => {
    // Patterns of one set of flags are tried as one alternation before one by one: a
    // backreference, a named group or other flags must not change what is found.
    const entry = (id: string, pattern: RegExp) => ({
      id,
      pattern,
      verdict: 'escalate' as const,
      reason: `${id}.`,
    });
    const patterns = [
      entry('grouped', /(o)k\b/),
      entry('named', /(?<word>free)\s+\k<word>/i),
      entry('double', /(\w)\1{2}/),
      entry('refund', /refund/i),
      entry('Case', /Refund/),
      entry('behind', /(?<=our\s)policy/i),
      entry('empty', /(?:)/),
      ...defaultUnsafeContentPatterns,
    ];
    const texts = [
      'Hello, I have sent a password reset link.',
      'zzz free FREE refund, see our policy',
      'We will issue a full Refund, you idiot',
      'Please confirm your password here',
      'zzz',
      'free free',
      'ok',
      '',
    ];
    const check = createBrandSafetyCheck({ patterns, profanity: false });
    for (const text of texts) {
      const expected = patterns
        .flatMap(({ id, pattern }) =>
          [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map((match) => ({
            id,
            match: match[0],
            start: match.index,
          })),
        )
        .sort((a, b) => a.start - b.start);
      expect(
        check(text).map(({ id, match, start }) => ({ id, match, start })),
        text,
      ).toEqual(expected);
    }
  });
});
