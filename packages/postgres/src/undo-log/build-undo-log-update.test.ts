import type { UndoLogRecordPatch, UndoLogUpdate } from '@guardloop/undo-log';
import { describe, expect, it } from 'vitest';
import { buildUndoLogUpdate } from './build-undo-log-update';

const expectPending = { statuses: ['pending'] as const };

describe('buildUndoLogUpdate', () => {
  it('sets the patchable fields given, casting JSON ones and writing null as NULL', () => {
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
      `UPDATE t SET status = $2, result = $3::jsonb, lease_owner = NULL WHERE id = $1 AND status IN ('pending') AND lease_owner = $4 RETURNING *`,
    );
    expect(params).toEqual(['id-1', 'done', '{"ok":true}', 'me']);
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
      `UPDATE t SET attempts = $2 WHERE id = $1 AND status IN ('pending') RETURNING *`,
    );
    expect(params).toEqual(['id-1', 2]);
  });

  it('still checks the condition for an empty patch', () => {
    const { text } = buildUndoLogUpdate('t', 'id-1', { expect: expectPending, set: {} });
    expect(text).toBe(`UPDATE t SET id = id WHERE id = $1 AND status IN ('pending') RETURNING *`);
  });

  it('expects no lease owner with IS NULL and lists each status once', () => {
    const { text, params } = buildUndoLogUpdate(
      't',
      'id-1',
      { expect: { statuses: ['undoing', 'pending', 'undoing'], leaseOwner: null }, set: {} },
      'nothing',
    );
    expect(text).toBe(
      `UPDATE t SET id = id WHERE id = $1 AND status IN ('undoing', 'pending') AND lease_owner IS NULL`,
    );
    expect(params).toEqual(['id-1']);
  });

  it('gives the same text for the same shape, whatever the values (kept prepared)', () => {
    const update = (owner: string, result: unknown): UndoLogUpdate => ({
      expect: { statuses: ['pending'], leaseOwner: owner },
      set: { status: 'done', result, error: null, attempts: 1, updatedAt: 5 },
    });
    const first = buildUndoLogUpdate('t', 'a', update('me', { n: 1 }), 'nothing');
    const second = buildUndoLogUpdate('t', 'b', update('you', [2]), 'nothing');
    expect(second.text).toBe(first.text);
    expect(second.params).toEqual(['b', 'done', '[2]', 1, 5, 'you']);
  });

  it('refuses a status that is not one of the log statuses, so it never reaches the text', () => {
    const statuses = ["pending') OR ('1' = '1"] as never;
    expect(() => buildUndoLogUpdate('t', 'id-1', { expect: { statuses }, set: {} })).toThrow(
      'Unknown undo-log status',
    );
  });
});
