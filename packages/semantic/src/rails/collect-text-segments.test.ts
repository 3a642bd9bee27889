import { describe, expect, it } from 'vitest';
import { collectTextSegments } from './collect-text-segments';

const limits = { maxLength: 1000, maxDepth: 8, maxValues: 100 };
const texts = (value: unknown) => {
  const result = collectTextSegments(value, limits);
  if (!result.ok) throw new Error('over a limit');
  return result.segments.map((segment) => segment.text);
};

// Regression tests for the walk's fast paths (ancestors in an array, no trim for most strings).
describe('collectTextSegments', () => {
  it('skips cycles but walks an object again when it is only shared', () => {
    const shared = { note: 'shared' };
    const cyclic: Record<string, unknown> = { text: 'top' };
    cyclic.self = cyclic;
    cyclic.list = [shared, shared, [cyclic]];
    expect(texts(cyclic)).toEqual([
      'text',
      'top',
      'self',
      'list',
      'note',
      'shared',
      'note',
      'shared',
    ]);
  });

  it('leaves out blank strings, Unicode spaces included, and keeps any other', () => {
    expect(texts(['', '   ', '\u00a0\u2003', '\t\n', ' x', '\u00a0y', 'z'])).toEqual([
      ' x',
      '\u00a0y',
      'z',
    ]);
  });
});
