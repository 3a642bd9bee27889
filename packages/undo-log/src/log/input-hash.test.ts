import { GuardloopError } from '@guardloop/core';
import { canonicalJson } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { hashActionInput, hashInput } from './input-hash';

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

  it('hashes what a store keeps: the JSON of toJSON, not the object behind it', () => {
    const money = (cents: number) => ({ cents, toJSON: () => ({ amount: cents / 100 }) });
    expect(canonicalJson({ price: money(150), at: new Date(0) })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","price":{"amount":1.5}}',
    );
    expect(hashInput({ price: money(150) })).not.toBe(hashInput({ price: money(250) }));
  });

  it('refuses, typed, an input it could only hash by crashing or colliding', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [cyclic, { tags: new Map([['vip', true]]) }, { text: 'a\u0000' }]) {
      expect(() => hashActionInput(input)).toThrow(
        expect.toSatisfy((error) => GuardloopError.hasCode(error, 'invalid_input')),
      );
    }
    expect(hashActionInput({ a: 1 })).toBe(hashInput({ a: 1 }));
  });
});
