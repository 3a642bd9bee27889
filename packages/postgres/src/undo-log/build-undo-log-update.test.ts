import type { UndoLogRecordPatch } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { buildUndoLogUpdate } from './build-undo-log-update';

const expectPending = { statuses: ['pending'] as const };

describe('buildUndoLogUpdate', () => {
  it('sets the patchable fields given, casting JSON ones', () => {
    const { text, params } = buildUndoLogUpdate('t', 'id-1', {
      expect: { ...expectPending, leaseOwner: 'me' },
      // A field given as undefined is left alone, as in the memory store.
      set: {
        status: 'done',
        result: { ok: true },
        leaseOwner: null,
        updatedAt: undefined,
      } as never,
    });
    expect(text).toBe(
      'UPDATE t SET status = $3, result = $4::jsonb, lease_owner = $5 WHERE id = $1 AND status = ANY($2::text[]) AND lease_owner IS NOT DISTINCT FROM $6::text RETURNING *',
    );
    expect(params).toEqual(['id-1', ['pending'], 'done', '{"ok":true}', null, 'me']);
  });

  it('lets no inherited, unknown or identity field reach the SQL', () => {
    const set = Object.assign(Object.create({ status: 'undone' }), {
      toString: 'x',
      constructor: 'y',
      hasOwnProperty: 'z',
      id: 'other',
      sequence: 1,
      input: { changed: true },
      createdAt: 5,
      attempts: 2,
    }) as UndoLogRecordPatch;
    const { text, params } = buildUndoLogUpdate('t', 'id-1', { expect: expectPending, set });
    expect(text).toBe(
      'UPDATE t SET attempts = $3 WHERE id = $1 AND status = ANY($2::text[]) RETURNING *',
    );
    expect(params).toEqual(['id-1', ['pending'], 2]);
  });

  it('still checks the condition for an empty patch', () => {
    const { text } = buildUndoLogUpdate('t', 'id-1', { expect: expectPending, set: {} });
    expect(text).toBe(
      'UPDATE t SET id = id WHERE id = $1 AND status = ANY($2::text[]) RETURNING *',
    );
  });
});
