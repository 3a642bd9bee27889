import { describe, expect, it } from 'vitest';
import { foldForMatching } from './fold-for-matching';

describe('foldForMatching', () => {
  it('maps every folded character back to its original span, across expansions', () => {
    // U+FDFA expands to 18 characters under NFKC: the buffers must grow past the text's length.
    const text = `a\uFDFA\u200B𝟒${'\uFDFA'.repeat(20)}ｚ`;
    const folded = foldForMatching(text);
    const expansion = '\uFDFA'.normalize('NFKC');
    expect(folded.text).toBe(`a${expansion}4${expansion.repeat(20)}z`);
    expect([folded.originalStart(0), folded.originalEnd(0)]).toEqual([0, 1]);
    expect([folded.originalStart(1), folded.originalEnd(18)]).toEqual([1, 2]);
    // The zero-width space is dropped; `𝟒` is two code units.
    const four = folded.text.indexOf('4');
    expect([folded.originalStart(four), folded.originalEnd(four)]).toEqual([3, 5]);
    const last = folded.text.length - 1;
    expect([folded.originalStart(last), folded.originalEnd(last)]).toEqual([
      text.length - 1,
      text.length,
    ]);
    expect(folded.originalStart(last + 1)).toBe(text.length);
  });

  it('folds long texts whole, past the decoder chunk size', () => {
    const text = 'ｘ'.repeat(20_000) + 'ａ\u00ADｂ';
    const folded = foldForMatching(text);
    expect(folded.text).toBe(`${'x'.repeat(20_000)}ab`);
    expect(folded.originalStart(20_001)).toBe(20_002);
  });

  it('returns ASCII text as it is', () => {
    const folded = foldForMatching('plain text');
    expect(folded.text).toBe('plain text');
    expect([folded.originalStart(3), folded.originalEnd(3)]).toEqual([3, 4]);
  });
});
