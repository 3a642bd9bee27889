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
