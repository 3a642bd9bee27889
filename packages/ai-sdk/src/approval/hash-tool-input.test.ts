import { describe, expect, it } from 'vitest';
import { canonicalJson, hashToolInput } from './hash-tool-input';

describe('hashToolInput', () => {
  it('ignores key order and undefined entries, and sees every other change', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe(
      '{"a":{"d":[1,"x"]},"b":1}',
    );
    expect(hashToolInput({ user: 'ada', scope: 'all' })).toBe(
      hashToolInput({ scope: 'all', user: 'ada' }),
    );
    for (const changed of [
      { user: 'Ada' },
      { user: 'ada ' },
      { user: 'ada', extra: null },
      ['ada'],
    ]) {
      expect(hashToolInput(changed)).not.toBe(hashToolInput({ user: 'ada' }));
    }
    expect(hashToolInput({ user: 'ada' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hashToolInput, hostile inputs', () => {
  it('tells apart unicode-equivalent spellings and keeps prototype-named keys', () => {
    // NFC and NFD render alike but are other bytes: the approval must not stretch to both.
    expect(hashToolInput({ user: 'Jos\u00e9' })).not.toBe(hashToolInput({ user: 'Jose\u0301' }));
    const polluted = JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":1}}');
    expect(canonicalJson(polluted)).toBe(
      '{"__proto__":{"admin":true},"constructor":{"prototype":1}}',
    );
    expect(hashToolInput(polluted)).not.toBe(hashToolInput({}));
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });
});
