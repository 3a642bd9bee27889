import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { createBrandSafetyCheck } from './check-brand-safety';
import { maskLetterlessTokens } from './detect-profanity';

// Regression tests for the hand-written fast paths of the brand-safety check: each must give
// what the regex-based code it replaced gave.
const token = /[\p{L}\p{N}@$!|(/]+/gu;
const letter = /\p{L}/u;
const byRegex = (text: string) =>
  text.replace(token, (run) => (letter.test(run) ? run : '#'.repeat(run.length)));

describe('maskLetterlessTokens', () => {
  it('masks exactly what the token regex masks, on random ASCII and non-ASCII texts', () => {
    const random = createSeededRandom(7);
    const alphabet = 'ab5Z09@$!|(/-. #_\n+%é٣';
    for (let round = 0; round < 2000; round++) {
      const length = Math.floor(random() * 24);
      let text = '';
      for (let index = 0; index < length; index++) {
        // Mostly ASCII, so both paths are exercised.
        const pool = round % 5 === 0 ? alphabet : alphabet.slice(0, -2);
        text += pool[Math.floor(random() * pool.length)];
      }
      expect(maskLetterlessTokens(text)).toBe(byRegex(text));
    }
  });

  it('returns the same string when nothing is masked', () => {
    const text = 'Hello, I sent the reset link.';
    expect(maskLetterlessTokens(text)).toBe(text);
    expect(maskLetterlessTokens('order 455, ref a55')).toBe('order ###, ref a55');
  });
});

describe('createBrandSafetyCheck patterns', () => {
  it('finds every match of a pattern, as matchAll does, and steps over empty matches', () => {
    const text = 'refund 😀 refund';
    const check = createBrandSafetyCheck({
      profanity: false,
      patterns: [
        { id: 'word', pattern: /refund/, verdict: 'escalate', reason: 'Refund.' },
        { id: 'empty', pattern: /x*/u, verdict: 'escalate', reason: 'Empty.' },
      ],
    });
    const findings = check(text);
    expect(findings.filter((finding) => finding.id === 'word')).toHaveLength(2);
    // One empty match per code point boundary, the emoji counted once.
    expect(findings.filter((finding) => finding.id === 'empty')).toHaveLength(
      [...text.matchAll(/x*/gu)].length,
    );
    // Checking again gives the same findings: no state is left in the patterns.
    expect(check(text)).toEqual(findings);
  });
});
