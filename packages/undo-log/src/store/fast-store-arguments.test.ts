import { describe, expect, it } from 'vitest';
import { isPlainStoredRecord } from '../record/fast-record-checks';
import { undoLogRecordSchema } from '../record/undo-log-record';
import { newTestRecord } from '../test/new-test-record';
import { isPlainStoreCall } from './fast-store-arguments';
import { type UndoLogStoreMethod, undoLogStoreArgumentSchemas } from './undo-log-store-arguments';

// The hand-written checks must never accept what the zod schemas refuse: every value below
// that a fast check accepts is also accepted by its schema.

const actor = { id: 'agent-1', type: 'ai' as const, roles: ['support'] };
const approval = {
  approvedBy: 'human-1',
  approvedAt: 5,
  actionName: 'test_action',
  idempotencyKey: 'key-1',
};
const hostile: unknown[] = [
  undefined,
  null,
  '',
  'a\u0000b',
  'a\uD800b',
  'k'.repeat(3_000),
  'é'.repeat(1_100),
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1n,
  true,
  [],
  ['pending'],
  ['exploded'],
  {},
  new Map(),
  Object.create({ id: 'inherited' }),
  { ...actor, roles: undefined },
  { ...actor, roles: [''] },
  { ...actor, extra: 1 },
  { ...actor, id: 'a\u0000b' },
  { ...approval, approvedAt: -1 },
  { ...approval, signature: '' },
  { by: actor, reason: '', at: 1 },
  { by: actor, reason: 'r', at: Number.NaN },
  { code: 'c', message: 'a\uD800b' },
  { code: 'c', message: 'm', cause: {} },
  { text: 'a\u0000b' },
  { n: 1n },
  Object.defineProperty({}, 'id', {
    enumerable: true,
    get() {
      throw new Error('hostile getter');
    },
  }),
];

const validRecord = () => newTestRecord({ approval, undo: { by: actor, reason: 'r', at: 3 } });
const validCalls: [UndoLogStoreMethod, () => unknown[]][] = [
  ['insert', () => [validRecord(), undefined]],
  ['insert', () => [validRecord(), { abortSignal: new AbortController().signal }]],
  ['get', () => ['id-1', undefined]],
  ['getByIdempotencyKey', () => ['key-1', {}]],
  ['listByTrace', () => ['trace-1', undefined]],
  [
    'update',
    () => [
      'id-1',
      { expect: { statuses: ['pending'], leaseOwner: 'owner-a' }, set: { status: 'done' } },
      undefined,
    ],
  ],
  [
    'updateMany',
    () => [
      [
        { id: 'id-1', expect: { statuses: ['pending'] }, set: { result: { ok: 1 }, error: null } },
        { id: 'id-2', expect: { statuses: ['undoing'], leaseOwner: null }, set: { attempts: 2 } },
      ],
      undefined,
    ],
  ],
  [
    'claimExpired',
    () => [{ statuses: ['pending'], now: 1, owner: 'o', leaseExpiresAt: 2, limit: 100 }, undefined],
  ],
];

const accepts = (method: UndoLogStoreMethod, args: unknown[]) => {
  try {
    return undoLogStoreArgumentSchemas[method].safeParse(args).success;
  } catch {
    return false; // a hostile getter
  }
};

/** Every way of replacing one leaf or one property of `value` by a hostile value. */
function* mutations(value: unknown, depth = 0): Generator<unknown> {
  for (const bad of hostile) yield bad;
  if (depth > 3 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries())
      for (const changed of mutations(item, depth + 1))
        yield value.map((other, at) => (at === index ? changed : other));
    return;
  }
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    for (const changed of mutations(item, depth + 1)) yield { ...value, [key]: changed };
    const { [key]: _removed, ...rest } = value as Record<string, unknown>;
    yield rest;
  }
  yield { ...value, unknownField: 1 };
}

describe('fast store argument checks', () => {
  it.each(validCalls)('accept the common shape of %s', (method, build) => {
    expect(isPlainStoreCall(method, build())).toBe(true);
    expect(accepts(method, build())).toBe(true);
  });

  it.each(validCalls)('accept no %s arguments that the schema refuses', (method, build) => {
    let refusedBySchema = 0;
    for (const args of mutations(build())) {
      if (!Array.isArray(args)) continue;
      const schemaAccepts = accepts(method, args);
      if (!schemaAccepts) refusedBySchema++;
      if (isPlainStoreCall(method, args))
        expect({ method, args, schemaAccepts }).toMatchObject({ schemaAccepts: true });
    }
    expect(refusedBySchema).toBeGreaterThan(0);
  });

  it('refuse a call with a missing or an extra argument', () => {
    expect(isPlainStoreCall('get', ['id-1'])).toBe(false);
    expect(isPlainStoreCall('get', ['id-1', undefined, undefined])).toBe(false);
  });

  it('accept no read-back record that the record schema refuses', () => {
    const stored = { ...validRecord(), sequence: 1 };
    expect(isPlainStoredRecord(stored)).toBe(true);
    for (const record of mutations(stored)) {
      let fast: boolean;
      try {
        fast = isPlainStoredRecord(record);
      } catch {
        fast = false;
      }
      if (fast)
        expect({ record, ok: undoLogRecordSchema.safeParse(record).success }).toMatchObject({
          ok: true,
        });
    }
  });
});
