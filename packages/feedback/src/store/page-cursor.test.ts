import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { decodePageCursor, encodePageCursor } from './page-cursor';

const invalidInput = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');

describe('page cursors', () => {
  it('round-trip the key for the same filters, whatever the limit and key order', () => {
    const query = { segment: { category: 'billing', channel: 'email' }, limit: 5 };
    const cursor = encodePageCursor('traces', query, [42]);
    const same = { limit: 50, segment: { channel: 'email', category: 'billing' }, cursor };
    expect(decodePageCursor('traces', same)).toEqual([42]);
    expect(decodePageCursor('traces', { ...same, toDay: undefined })).toEqual([42]);
    expect(decodePageCursor('traces', {})).toBeUndefined();
  });

  it('keep the cursors written before the digest moved to core', () => {
    // Cursors handed out earlier must still be accepted: the digest text and hash are fixed.
    const query = { category: 'billing', from: 5, limit: 3, cursor: 'x' };
    expect(encodePageCursor('outcomes', query, [7])).toBe(
      'eyJxIjoiQTZmVWthY01ERHZOM2twaCIsImsiOls3XX0',
    );
    expect(encodePageCursor('problems', {}, [12, 'p-1'])).toBe(
      'eyJxIjoic01TSl9tZ0tMSUVaLXJwRiIsImsiOlsxMiwicC0xIl19',
    );
  });

  it('reject cursors of other filters, other listings, and forgeries', () => {
    const cursor = encodePageCursor('artifacts', { kind: 'macro' }, ['m1']);
    const calls = [
      () => decodePageCursor('artifacts', { kind: 'prompt', cursor }),
      () => decodePageCursor('problems', { kind: 'macro', cursor }),
      () => decodePageCursor('artifacts', { kind: 'macro', cursor: `${cursor}!` }),
      () => decodePageCursor('artifacts', { kind: 'macro', cursor: cursor.slice(0, -2) }),
      () => decodePageCursor('outcomes', { cursor: encodePageCursor('outcomes', {}, [-1]) }),
    ];
    for (const call of calls) expect(call).toThrow(expect.toSatisfy(invalidInput));
  });
});
