import { describe, expect, it } from 'vitest';
import { hashInput } from './input-hash';

describe('hashInput', () => {
  it('ignores key order and undefined properties', () => {
    expect(hashInput({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      hashInput({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }),
    );
  });

  it('tells apart inputs that differ at all, including case, whitespace and array order', () => {
    const hashes = [
      { to: 'A@b.co' },
      { to: 'a@b.co' },
      { to: 'a@b.co ' },
      { list: [1, 2] },
      { list: [2, 1] },
      { n: 1 },
      { n: '1' },
    ].map(hashInput);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
