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

  it('builds each path when it is first read, redacting its keys then', () => {
    const redacted: string[] = [];
    const redactKey = (key: string) => {
      redacted.push(key);
      return key === 'secret@example.com' ? '[EMAIL]' : key;
    };
    const value = {
      to: ['a', { 'secret@example.com': 'b', 'odd key': 7n }],
      [Symbol('tag')]: 'c',
    };
    const result = collectTextSegments(value, limits, redactKey);
    if (!result.ok) throw new Error('over a limit');
    // The walk itself redacts nothing: paths are read only for findings.
    expect(redacted).toEqual([]);
    expect(result.segments.map((segment) => segment.path)).toEqual([
      'to (key)',
      'to[0]',
      'to[1]["[EMAIL]"] (key)',
      'to[1]["[EMAIL]"]',
      'to[1]["odd key"] (key)',
      'to[1]["odd key"]',
      '[Symbol("tag")] (key)',
      '[Symbol("tag")]',
    ]);
    // Each key once, however many segments sit below it.
    expect(redacted.sort()).toEqual(['odd key', 'secret@example.com', 'tag', 'to']);
  });

  it('gives no segment to what skip passes over, which still counts towards the limits', () => {
    const known = new Set(['draft', 'Hello', 'to']);
    const skip = (text: string) => known.has(text);
    const value = { draft: 'Hello', to: ['ann@example.com'], note: 'new' };
    const result = collectTextSegments(value, limits, undefined, skip);
    expect(
      result.ok && result.segments.map(({ text, isKey, path }) => [text, isKey, path]),
    ).toEqual([
      ['ann@example.com', false, 'to[0]'],
      ['note', true, 'note (key)'],
      ['new', false, 'note'],
    ]);
    // 'draft' + 'Hello' + 'to' + 'ann@example.com' + 'note' + 'new' = 34 characters, skipped or not.
    expect(result.ok && result.length).toBe(34);
    expect(collectTextSegments(value, { ...limits, maxLength: 33 }, undefined, skip)).toMatchObject(
      {
        ok: false,
        limit: 'maxLength',
      },
    );
  });

  it('tells whether any text that is not a key was found, skipped or not', () => {
    const skipAll = () => true;
    const anyText = (value: unknown, skip?: () => boolean) => {
      const result = collectTextSegments(value, limits, undefined, skip);
      return result.ok && result.anyText;
    };
    expect(anyText({ attributes: { draft: undefined } })).toBe(false);
    expect(anyText({ draft: '   ' }, skipAll)).toBe(false);
    expect(anyText({ draft: 'Hello' })).toBe(true);
    expect(anyText({ draft: 'Hello' }, skipAll)).toBe(true);
    expect(anyText(42, skipAll)).toBe(true);
  });

  it('names the path it was reading when a getter throws', () => {
    const value = {
      list: [
        {
          get broken() {
            throw new Error('no');
          },
        },
      ],
    };
    expect(collectTextSegments(value, limits)).toEqual({
      ok: false,
      limit: 'unreadable',
      path: 'list[0].broken',
    });
  });
});
