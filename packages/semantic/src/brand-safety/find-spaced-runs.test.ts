import { describe, expect, it } from 'vitest';
import { checkBrandSafety } from './check-brand-safety';
import { findSpacedRuns } from './find-spaced-runs';

const matches = (text: string) =>
  checkBrandSafety(text)
    .filter((finding) => finding.kind === 'profanity')
    .map((finding) => finding.match);

describe('spaced-out profanity', () => {
  it.each([
    ['f u c k you', 'f u c k'],
    ['F U C K', 'F U C K'],
    ['f.u.c.k off', 'f.u.c.k'],
    ['f-u-c-k', 'f-u-c-k'],
    ['f_u_c_k', 'f_u_c_k'],
    ['f*u*c*k', 'f*u*c*k'],
    ['f  u  c  k', 'f  u  c  k'],
    ['f . u . c . k', 'f . u . c . k'],
    ['f\nu\nc\nk', 'f\nu\nc\nk'],
    ['s h 1 t', 's h 1 t'],
    ['f\u200b u c k', 'f\u200b u c k'],
    ['ｆ ｕ ｃ ｋ', 'ｆ ｕ ｃ ｋ'],
    ['f\u0336u\u0336c\u0336k\u0336', 'f\u0336u\u0336c\u0336k'],
  ])('finds %j', (text, match) => {
    expect(matches(`well, ${text}.`)).toEqual([match]);
  });

  it('leaves initials, abbreviations and lists alone', () => {
    for (const text of [
      'U.S.A. and the U.K.',
      'e.g. a b c d',
      'I a m here',
      'options a, b, c',
      'A-B-C',
    ]) {
      expect(checkBrandSafety(text)).toEqual([]);
    }
  });

  it('reads each character a bounded number of times', { timeout: 5000 }, () => {
    const text = 'a '.repeat(50_000);
    expect(findSpacedRuns(text).map((run) => run.text.length)).toEqual([50_000]);
    expect(findSpacedRuns('ab '.repeat(50_000))).toEqual([]);
    expect(checkBrandSafety(text)).toEqual([]);
  });

  it('reports every one of many spelled-out words, once', { timeout: 5000 }, () => {
    const text = 'f u c k . '.repeat(5000);
    expect(matches(text)).toHaveLength(5000);
    expect(matches(`fuck f u c k ${text}`)).toHaveLength(5002);
  });
});
