import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import type { NewUndoLogRecord, UndoLogRecordPatch } from '../record/undo-log-record';
import type { UndoLogStoreContractOptions } from './contract-options';
import { newTestRecord } from './new-test-record';

const invalid = (error: unknown) => GuardloopError.hasCode(error, 'invalid_input');
const nul = 'a\u0000b';
const lone = 'a\uD800b';
// Over the btree entry limit (~2.7 KB) and over the 2048-byte text limit.
const longKey = 'k'.repeat(3_000);
const multiByteKey = 'é'.repeat(1_100); // 1,100 code units, 2,200 UTF-8 bytes
// Rejected on its length, before anything looks at its contents.
const huge = 'x'.repeat(300 * 1024 * 1024);

const badRecords: [string, Partial<NewUndoLogRecord>][] = [
  ['a NUL in the id', { id: nul }],
  ['a NUL in the idempotency key', { idempotencyKey: nul }],
  ['a NUL in the action name', { actionName: nul }],
  ['a NUL in the trace id', { traceId: nul }],
  ['a NUL in the lease owner', { leaseOwner: nul }],
  ['a lone surrogate in the idempotency key', { idempotencyKey: lone }],
  ['a lone surrogate in the input', { input: { text: lone } }],
  ['a NUL in the input', { input: { text: nul } }],
  ['a NUL in an input key', { input: { [nul]: 1 } }],
  ['a NUL in the actor', { actor: { id: nul, type: 'ai', roles: [] } }],
  ['a key over the index limit', { idempotencyKey: longKey }],
  ['an id over 2048 UTF-8 bytes', { id: multiByteKey }],
  ['a fractional createdAt', { createdAt: 1_000.5 }],
  ['a fractional leaseExpiresAt', { leaseExpiresAt: 2_000.25 }],
  ['attempts beyond an integer column', { attempts: 2 ** 31 }],
  ['a 300 MB string', { input: { text: huge } }],
  ['a NaN in the snapshot', { snapshot: { n: Number.NaN } }],
  ['a bigint in the input', { input: { n: 1n } }],
  ['an unknown status', { status: 'exploded' as never }],
  ['an empty id', { id: '' }],
];

const badPatches: [string, Record<string, unknown>][] = [
  ['toString', { toString: 'x' }],
  ['constructor', { constructor: 'x' }],
  ['the id', { id: 'other' }],
  ['the input', { input: { changed: true } }],
  ['an unknown field', { colour: 'red' }],
  ['a NUL in the result', { result: { text: nul } }],
  ['a lone surrogate in the error', { error: { code: 'c', message: lone } }],
  ['a fractional updatedAt', { updatedAt: 9.5 }],
];

/** Arguments a store could not keep unchanged: every store refuses them as `invalid_input`. */
export function describeStoreArguments({ name, createStore }: UndoLogStoreContractOptions): void {
  describe(`UndoLogStore contract (${name}): arguments`, () => {
    it.each(badRecords)('refuses to insert a record with %s', async (_, overrides) => {
      const store = await createStore();
      const record = newTestRecord(overrides);
      await expect(store.insert(record)).rejects.toSatisfy(invalid);
      if (typeof record.traceId === 'string' && !record.traceId.includes('\u0000'))
        expect(await store.listByTrace(record.traceId)).toEqual([]);
    });

    it.each(badPatches)('refuses a patch that sets %s and keeps the record', async (_, set) => {
      const store = await createStore();
      const record = newTestRecord();
      const { record: stored } = await store.insert(record);
      await expect(
        store.update(record.id, {
          expect: { statuses: ['pending'] },
          set: set as UndoLogRecordPatch,
        }),
      ).rejects.toSatisfy(invalid);
      expect(await store.get(record.id)).toEqual(stored);
    });

    it('refuses a patch that is not a plain object', async () => {
      const store = await createStore();
      const record = newTestRecord();
      await store.insert(record);
      const inherited = Object.create({ status: 'done' }) as UndoLogRecordPatch;
      await expect(
        store.update(record.id, { expect: { statuses: ['pending'] }, set: inherited }),
      ).rejects.toSatisfy(invalid);
      expect((await store.get(record.id))?.status).toBe('pending');
    });

    it('refuses malformed lookups and claims', async () => {
      const store = await createStore();
      await expect(store.get(nul)).rejects.toSatisfy(invalid);
      await expect(store.get(longKey)).rejects.toSatisfy(invalid);
      await expect(store.getByIdempotencyKey(lone)).rejects.toSatisfy(invalid);
      await expect(store.listByTrace(nul)).rejects.toSatisfy(invalid);
      await expect(
        store.update(nul, { expect: { statuses: ['pending'] }, set: {} }),
      ).rejects.toSatisfy(invalid);
      const claim = { statuses: ['pending'] as const, owner: 'o', leaseExpiresAt: 9, limit: 5 };
      await expect(store.claimExpired({ ...claim, now: 1.5 })).rejects.toSatisfy(invalid);
      await expect(store.claimExpired({ ...claim, now: 1, owner: nul })).rejects.toSatisfy(invalid);
      await expect(store.claimExpired({ ...claim, now: 1, limit: 0 })).rejects.toSatisfy(invalid);
    });

    it('keeps what is storable: astral characters, long keys within the limit, JSON escapes', async () => {
      const store = await createStore();
      const record = newTestRecord({
        idempotencyKey: `${'k'.repeat(2_000)}-${Date.now()}-${Math.random()}`.slice(0, 2_048),
        input: { emoji: '😀 \uD83D\uDE00', escapes: '\\u0000 \\uD800 "quoted"', n: -1.5e300 },
      });
      const { record: stored } = await store.insert(record);
      expect(stored).toEqual({ ...record, sequence: stored.sequence });
      expect(await store.get(record.id)).toEqual(stored);
    });
  });
}
