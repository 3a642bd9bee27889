import { describe, expect, it } from 'vitest';
import { createCleanTextMemory } from './clean-text-memory';

describe('createCleanTextMemory', () => {
  it('remembers texts up to maxLength, and nothing longer', () => {
    const memory = createCleanTextMemory({ maxLength: 5 });
    memory.remember('hello');
    memory.remember('hello!');
    expect(memory.has('hello')).toBe(true);
    expect(memory.has('hello!')).toBe(false);
    expect(memory.has('hell')).toBe(false);
  });

  it('starts over past its number of texts', () => {
    const memory = createCleanTextMemory({ maxLength: 10, maxTexts: 3 });
    for (const text of ['a', 'b', 'c']) memory.remember(text);
    // Remembering one it holds does not count twice.
    memory.remember('a');
    expect(['a', 'b', 'c'].map((text) => memory.has(text))).toEqual([true, true, true]);
    memory.remember('d');
    expect(['a', 'b', 'c', 'd'].map((text) => memory.has(text))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('starts over past its number of characters', () => {
    const memory = createCleanTextMemory({ maxLength: 10, maxCharacters: 10 });
    memory.remember('aaaa');
    memory.remember('bbbb');
    expect(memory.has('aaaa') && memory.has('bbbb')).toBe(true);
    // 4 + 4 + 4 > 10: what it held goes, the new text stays.
    memory.remember('cccc');
    expect([memory.has('aaaa'), memory.has('bbbb'), memory.has('cccc')]).toEqual([
      false,
      false,
      true,
    ]);
  });
});
