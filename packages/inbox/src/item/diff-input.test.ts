import { describe, expect, it } from 'vitest';
import { diffInput } from './diff-input';

describe('diffInput', () => {
  it('lists changed, added and removed leaves by path', () => {
    expect(
      diffInput(
        { amount: 40, order: { id: 'o-1', lines: [1, 2] }, note: 'x' },
        { amount: 25, order: { id: 'o-1', lines: [1, 3] }, reason: 'partial' },
      ),
    ).toEqual([
      { path: ['amount'], before: 40, after: 25 },
      { path: ['note'], before: 'x' },
      { path: ['order', 'lines'], before: [1, 2], after: [1, 3] },
      { path: ['reason'], after: 'partial' },
    ]);
  });

  it('is empty for equal inputs, whatever the key order', () => {
    expect(diffInput({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
    expect(diffInput(null, null)).toEqual([]);
  });

  it('refuses values that are not storable JSON instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => diffInput(cyclic, {})).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => diffInput({}, { a: 1n })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('replaces non-object values whole', () => {
    expect(diffInput('a', { a: 1 })).toEqual([{ path: [], before: 'a', after: { a: 1 } }]);
  });
});
