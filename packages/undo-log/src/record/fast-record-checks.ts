import { isStorableText, unstorableStringReason } from '@guardloop/core/internal';
import { storableJsonIssue, storableLimits } from './storable-values';
import { undoLogStatuses } from './undo-log-record';

// Plain checks of the common, well-formed shapes of records, patches and store arguments. Each
// accepts only values its zod schema accepts unchanged (no unknown keys, so stripping would
// change nothing, and no defaults to fill in); anything else goes through zod, which then
// reports the issues. Zod took about 40 % of the log's own CPU on every store call otherwise.

export type Check = (value: unknown) => boolean;

const plainPrototypes = new Set<unknown>([Object.prototype, null]);
/** A plain object (what every record part is), not an array, a Map or a class instance. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && plainPrototypes.has(Object.getPrototypeOf(value));

const statuses = new Set<unknown>(undoLogStatuses);
export const isStatus: Check = (value) => statuses.has(value);
export const isStorableKey: Check = (value) => isStorableText(value, storableLimits.textBytes);
export const isSafeInteger: Check = (value) => Number.isSafeInteger(value);
const isFiniteNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
/**
 * Strings inside the small JSON parts (actor, approval, undo, error): short enough that all of
 * them stay far below the JSON size limit, and free of what JSON columns refuse.
 */
const maxFastChars = 64 * 1024;
const jsonString =
  (minLength: number): Check =>
  (value) =>
    typeof value === 'string' &&
    value.length >= minLength &&
    value.length <= maxFastChars &&
    unstorableStringReason(value) === undefined;
const anyString = jsonString(0);
const nonEmptyString = jsonString(1);
export const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
// The checks of fields that may be absent; every other field must be an own key.
const optionalChecks = new WeakSet<Check>();
export const optional = (check: Check): Check => {
  const optionalCheck: Check = (value) => value === undefined || check(value);
  optionalChecks.add(optionalCheck);
  return optionalCheck;
};

/** A plain object with every field of `fields` as an own key (unless optional) and no other key. */
export function exactObject(fields: Record<string, Check>): Check {
  const names = Object.keys(fields);
  return (value) => {
    if (!isPlainObject(value)) return false;
    let own = 0;
    for (const name of names) {
      const check = fields[name] as Check;
      if (Object.hasOwn(value, name)) own++;
      else if (!optionalChecks.has(check)) return false;
      if (!check(value[name])) return false;
    }
    // Every own enumerable key is a known field (JSON and zod's stripping see only those).
    const keys = Object.keys(value);
    if (keys.length > own) return false;
    for (const key of keys) if (!Object.hasOwn(fields, key)) return false;
    return true;
  };
}

const actorTypes = new Set<unknown>(['human', 'ai', 'system']);
const maxFastRoles = 1000;
/** `actorSchema` (roles given, so its default changes nothing), JSON-storable. */
export const isPlainActor = exactObject({
  id: nonEmptyString,
  type: (value) => actorTypes.has(value),
  roles: (value) =>
    Array.isArray(value) &&
    value.length <= maxFastRoles &&
    value.every((role) => nonEmptyString(role)),
  tenant: optional(nonEmptyString),
});
/** `approvalTokenSchema`, JSON-storable. */
export const isPlainApproval = exactObject({
  approvedBy: nonEmptyString,
  approvedAt: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  actionName: nonEmptyString,
  idempotencyKey: nonEmptyString,
  signature: optional(nonEmptyString),
});
/** `undoInfoSchema`, JSON-storable. */
export const isPlainUndo = exactObject({
  by: isPlainActor,
  reason: nonEmptyString,
  at: isFiniteNumber,
});
/** `storedErrorSchema`, JSON-storable. */
export const isPlainError = exactObject({ code: anyString, message: anyString });
/** Any value whose JSON every store keeps unchanged (`storableJsonSchema`). */
export const isStorableJson: Check = (value) => storableJsonIssue(value) === undefined;

const epochMs = isSafeInteger;
/** The fields of a stored record that `update` may set, with their checks. */
export const patchFieldChecks: Record<string, Check> = {
  status: isStatus,
  snapshot: isStorableJson,
  result: isStorableJson,
  error: nullable(isPlainError),
  traceId: isStorableKey,
  actor: isPlainActor,
  approval: nullable(isPlainApproval),
  undo: nullable(isPlainUndo),
  attempts: (value) =>
    Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 2_147_483_647,
  leaseOwner: nullable(isStorableKey),
  leaseExpiresAt: nullable(epochMs),
  updatedAt: epochMs,
};

/** `storableNewRecordSchema`: a new record every store keeps exactly as given. */
export const isPlainNewRecord = exactObject({
  id: isStorableKey,
  actionName: isStorableKey,
  idempotencyKey: isStorableKey,
  inputHash: isStorableKey,
  input: isStorableJson,
  reversible: isBoolean,
  createdAt: epochMs,
  ...patchFieldChecks,
});

const nonEmptyText: Check = (value) => typeof value === 'string' && value.length > 0;
/**
 * `undoLogRecordSchema`, for records read back: as strict as the schema (which does not ask
 * for storable text), with every field present and none unknown, so that the value can be
 * used as it is instead of zod's copy.
 */
export const isPlainStoredRecord = exactObject({
  id: nonEmptyText,
  sequence: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  actionName: nonEmptyText,
  idempotencyKey: nonEmptyText,
  inputHash: nonEmptyText,
  // Present (possibly null): what any store returns for a JSON column.
  input: () => true,
  snapshot: () => true,
  result: () => true,
  error: nullable(
    exactObject({ code: (v) => typeof v === 'string', message: (v) => typeof v === 'string' }),
  ),
  status: isStatus,
  reversible: isBoolean,
  traceId: nonEmptyText,
  actor: exactObject({
    id: nonEmptyText,
    type: (value) => actorTypes.has(value),
    roles: (value) => Array.isArray(value) && value.every(nonEmptyText),
    tenant: optional(nonEmptyText),
  }),
  approval: nullable(isPlainApproval),
  undo: nullable(isPlainUndo),
  attempts: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  leaseOwner: nullable((value) => typeof value === 'string'),
  leaseExpiresAt: nullable(isFiniteNumber),
  createdAt: isFiniteNumber,
  updatedAt: isFiniteNumber,
});
