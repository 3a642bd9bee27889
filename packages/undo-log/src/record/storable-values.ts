import {
  storableTextSchema as coreStorableTextSchema,
  unstorableTextReason as coreUnstorableTextReason,
  findStorableJsonIssue,
  type JsonIssue,
  toStorableString,
  unstorableStringReason,
} from '@guardloop/core/internal';
import { z } from 'zod';

export { type JsonIssue, toStorableString, unstorableStringReason };

/**
 * What every undo-log store can keep unchanged, so that memory and PostgreSQL accept and
 * reject the same records. Text columns sit in btree indexes (id, idempotency key, trace),
 * whose entries PostgreSQL caps at ~2.7 KB: 2048 UTF-8 bytes stays under it. JSON values are
 * bounded so that one write cannot take a server's memory (jsonb itself stops at 255 MB).
 */
export const storableLimits = {
  textBytes: 2048,
  /** One JSON value (input, snapshot, result...), in UTF-16 code units of its strings and keys. */
  jsonChars: 16 * 1024 * 1024,
  jsonDepth: 100,
} as const;

/** Why `value` cannot be a text column (and index key) of every store, if it cannot. */
export function unstorableTextReason(value: string): string | undefined {
  return coreUnstorableTextReason(value, storableLimits.textBytes);
}

/** A non-empty string every store keeps unchanged in a text column. */
export const storableTextSchema = coreStorableTextSchema({
  label: 'Text',
  maxBytes: storableLimits.textBytes,
});

/**
 * The first reason `value` would not survive being stored as JSON (jsonb) unchanged, as
 * `JSON.stringify` sees it (`toJSON`, absent `undefined` properties): strings and keys with
 * NUL or lone surrogates, non-finite numbers (which JSON turns into null), bigints and cycles
 * (which it cannot write), what JSON writes as `{}` (a Map, an Error...), a getter or `toJSON`
 * that throws, or a value too large or too deep. Never throws.
 */
export function storableJsonIssue(value: unknown): JsonIssue | undefined {
  return findStorableJsonIssue(value, {
    maxDepth: storableLimits.jsonDepth,
    maxChars: storableLimits.jsonChars,
    semantics: 'stringify',
  });
}

/** Any value whose JSON every store keeps unchanged (`undefined` is stored as null). */
export const storableJsonSchema = z.unknown().superRefine((value, context) => {
  const found = storableJsonIssue(value);
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
});
