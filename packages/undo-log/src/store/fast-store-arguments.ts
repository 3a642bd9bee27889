import {
  type Check,
  exactObject,
  isPlainNewRecord,
  isPlainObject,
  isSafeInteger,
  isStatus,
  isStorableKey,
  nullable,
  optional,
  patchFieldChecks,
} from '../record/fast-record-checks';
import type { UndoLogStoreMethod } from './undo-log-store-arguments';

// The argument tuples of `UndoLogStore` methods in their common shapes, checked by hand (see
// `fast-record-checks`): a tuple these accept is one `undoLogStoreArgumentSchemas` accepts; any
// other goes through the schema, which reports the issues.

/** `undefined`, or `{ abortSignal? }` with an AbortSignal and no other option. */
const isCallOptions: Check = (value) => {
  if (value === undefined) return true;
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (key !== 'abortSignal') return false;
  const { abortSignal } = value;
  return abortSignal === undefined || abortSignal instanceof AbortSignal;
};

const isStatusList: Check = (value) => Array.isArray(value) && value.every(isStatus);

const patchFields = Object.keys(patchFieldChecks);
/** `storablePatchSchema`: only patch fields, each undefined or valid. */
const isPlainPatch: Check = (value) => {
  if (!isPlainObject(value)) return false;
  for (const field of patchFields) {
    const given = value[field];
    if (given !== undefined && !(patchFieldChecks[field] as Check)(given)) return false;
  }
  for (const key of Object.keys(value)) if (!Object.hasOwn(patchFieldChecks, key)) return false;
  return true;
};
const expectChecks = {
  statuses: isStatusList,
  leaseOwner: optional(nullable(isStorableKey)),
};
const isUpdate = exactObject({ expect: exactObject(expectChecks), set: isPlainPatch });
const isUpdateOfId = exactObject({
  id: isStorableKey,
  expect: exactObject(expectChecks),
  set: isPlainPatch,
});
const isUpdateList: Check = (value) => {
  if (!Array.isArray(value) || value.length > 10_000) return false;
  const ids = new Set<unknown>();
  for (const update of value) {
    if (!isUpdateOfId(update)) return false;
    ids.add((update as { id: unknown }).id);
  }
  return ids.size === value.length;
};
const isClaim = exactObject({
  statuses: isStatusList,
  now: isSafeInteger,
  owner: isStorableKey,
  leaseExpiresAt: isSafeInteger,
  limit: (value) =>
    Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= 10_000,
});

const tuple =
  (...items: Check[]) =>
  (args: readonly unknown[]) =>
    args.length === items.length && items.every((check, index) => check(args[index]));

const fastChecks: Record<UndoLogStoreMethod, (args: readonly unknown[]) => boolean> = {
  insert: tuple(isPlainNewRecord, isCallOptions),
  get: tuple(isStorableKey, isCallOptions),
  getByIdempotencyKey: tuple(isStorableKey, isCallOptions),
  update: tuple(isStorableKey, isUpdate, isCallOptions),
  updateMany: tuple(isUpdateList, isCallOptions),
  listByTrace: tuple(isStorableKey, isCallOptions),
  claimExpired: tuple(isClaim, isCallOptions),
};

/**
 * Whether `args` are well-formed arguments of `method` in a common shape. Never throws: a
 * getter that throws, a revoked proxy and the like answer false (zod then reports them).
 */
export function isPlainStoreCall(method: UndoLogStoreMethod, args: readonly unknown[]): boolean {
  try {
    return fastChecks[method](args);
  } catch {
    return false;
  }
}
