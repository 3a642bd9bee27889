import { createSeededRandom } from '@guardloop/core/internal';
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

// The scan before its fast path (rejecting a character followed by another of its word), kept
// as the reference the fast path must agree with.
function referenceRuns(text: string): Array<{ text: string; positions: number[] }> {
  const isGap = (code: number) => [32, 46, 45, 95, 42, 183, 9, 10, 13].includes(code);
  const codeAt = (index: number) =>
    index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
  const isSingle = (index: number) => {
    const code = codeAt(index);
    if (code === -1 || isGap(code)) return false;
    const before = codeAt(index - 1);
    const after = codeAt(index + 1);
    return (before === -1 || isGap(before)) && (after === -1 || isGap(after));
  };
  const nextSingle = (index: number) => {
    let at = index + 1;
    while (at - index <= 3 && isGap(codeAt(at))) at += 1;
    return at > index + 1 && at - index <= 4 && isSingle(at) ? at : -1;
  };
  const runs: Array<{ text: string; positions: number[] }> = [];
  for (let index = 0; index < text.length; index++) {
    if (!isSingle(index)) continue;
    const positions = [index];
    for (let next = nextSingle(index); next !== -1; next = nextSingle(next)) positions.push(next);
    if (positions.length >= 3) {
      runs.push({ text: positions.map((at) => text[at]).join(''), positions });
    }
    index = (positions.at(-1) as number) + 1;
  }
  return runs;
}

describe('findSpacedRuns fast path', () => {
  // Also what the regex that dismisses texts without three singles in a row is checked against:
  // spacers and blanks of every kind, and halves of a surrogate pair (code units, as the scan).
  it('finds the same runs as the scan without it, on random texts', () => {
    const random = createSeededRandom(3);
    const alphabet = 'fuck ab. -_*·\t\n\r😀';
    for (let round = 0; round < 6000; round++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let index = 0; index < length; index++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      const found = findSpacedRuns(text).map((run) => ({
        text: run.text,
        positions: [...run.positions],
      }));
      expect(found, JSON.stringify(text)).toEqual(referenceRuns(text));
    }
  });
});
