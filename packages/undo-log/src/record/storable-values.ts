import { z } from 'zod';

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

// In unicode mode a surrogate pair is one code point, so only unpaired halves match.
const loneSurrogate = /[\uD800-\uDFFF]/u;
const utf8 = new TextEncoder();

/** Why PostgreSQL (text or jsonb) cannot keep `value` unchanged, if it cannot. */
export function unstorableStringReason(value: string): string | undefined {
  // text refuses NUL and jsonb refuses \u0000; drivers turn lone surrogates into U+FFFD.
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (loneSurrogate.test(value)) return 'must not contain lone UTF-16 surrogates';
  return undefined;
}

/**
 * `value` made storable for diagnostics (error codes and messages we write ourselves): NUL
 * and lone surrogates become U+FFFD, and it is cut to `maxChars`.
 */
export function toStorableString(value: string, maxChars: number): string {
  const cleaned = value.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  if (cleaned.length <= maxChars) return cleaned;
  // Never cut a surrogate pair in half.
  const cut = cleaned.slice(0, maxChars - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Why `value` cannot be a text column (and index key) of every store, if it cannot. */
export function unstorableTextReason(value: string): string | undefined {
  const reason = unstorableStringReason(value);
  if (reason) return reason;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only long strings need the exact count.
  if (
    value.length * 3 > storableLimits.textBytes &&
    utf8.encode(value).length > storableLimits.textBytes
  )
    return `must be at most ${storableLimits.textBytes} UTF-8 bytes`;
  return undefined;
}

/** A non-empty string every store keeps unchanged in a text column. */
export const storableTextSchema = z
  .string()
  .min(1)
  .superRefine((value, context) => {
    const reason = unstorableTextReason(value);
    if (reason) context.addIssue({ code: 'custom', message: `Text ${reason}` });
  });

export interface JsonIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The first reason `value` would not survive being stored as JSON (jsonb) unchanged, as
 * `JSON.stringify` sees it (`toJSON`, absent `undefined` properties): strings and keys with
 * NUL or lone surrogates, non-finite numbers (which JSON turns into null), bigints and cycles
 * (which it cannot write), or a value too large or too deep.
 */
export function storableJsonIssue(value: unknown): JsonIssue | undefined {
  let chars = 0;
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const issue = (message: string): JsonIssue => ({ path: [...path], message });
  const visit = (raw: unknown, depth: number): JsonIssue | undefined => {
    let current: unknown;
    try {
      current = toJsonValue(raw, String(path.at(-1) ?? ''));
    } catch (error) {
      // The store's JSON.stringify would throw the same: say where, instead of crashing.
      return issue(`Converting it to JSON threw: ${describeThrown(error)}`);
    }
    switch (typeof current) {
      case 'string': {
        chars += current.length;
        if (chars > storableLimits.jsonChars)
          return issue(`Too large: over ${storableLimits.jsonChars} characters`);
        const reason = unstorableStringReason(current);
        return reason ? issue(`String ${reason}`) : undefined;
      }
      case 'number':
        return Number.isFinite(current)
          ? undefined
          : issue('Numbers must be finite (JSON turns NaN and Infinity into null)');
      case 'boolean':
      case 'undefined':
      case 'function':
      case 'symbol':
        // Absent in JSON (null in arrays), as in every JSON store.
        return undefined;
      case 'bigint':
        return issue('A bigint is not JSON: convert it to a string or a number');
      default: {
        if (current === null) return undefined;
        const node = current as object;
        if (depth >= storableLimits.jsonDepth)
          return issue(`Nested deeper than ${storableLimits.jsonDepth} levels`);
        if (ancestors.has(node)) return issue('Circular reference');
        const lossy = lossyJsonKind(node);
        if (lossy) return issue(`JSON keeps nothing of a ${lossy}: convert it to plain data`);
        ancestors.add(node);
        const found = Array.isArray(node) ? visitArray(node, depth) : visitObject(node, depth);
        ancestors.delete(node);
        return found;
      }
    }
  };
  const visitArray = (array: readonly unknown[], depth: number) => {
    for (let index = 0; index < array.length; index++) {
      path.push(index);
      const found = visit(array[index], depth + 1);
      path.pop();
      if (found) return found;
    }
    return undefined;
  };
  const visitObject = (object: object, depth: number) => {
    for (const key of Object.keys(object)) {
      path.push(key);
      chars += key.length;
      const keyReason = unstorableStringReason(key);
      let found: JsonIssue | undefined;
      if (keyReason) found = issue(`Key ${keyReason}`);
      else {
        let entry: unknown;
        try {
          entry = (object as Record<string, unknown>)[key];
        } catch (error) {
          found = issue(`Reading it threw: ${describeThrown(error)}`);
        }
        found ??= visit(entry, depth + 1);
      }
      path.pop();
      if (found) return found;
    }
    return undefined;
  };
  return visit(value, 0);
}

/** What `JSON.stringify` writes in place of `value`: the result of its `toJSON`, if any. */
function toJsonValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? toJSON.call(value, key) : value;
}

// Built-ins whose content lives outside their own enumerable keys: JSON writes `{}` for them,
// and a store would keep (and hash) every Map as the same empty object.
const lossyJsonKinds: readonly [string, (value: object) => boolean][] = [
  ['Map', (value) => value instanceof Map],
  ['Set', (value) => value instanceof Set],
  ['WeakMap', (value) => value instanceof WeakMap],
  ['WeakSet', (value) => value instanceof WeakSet],
  ['Error', (value) => value instanceof Error],
  ['RegExp', (value) => value instanceof RegExp],
  ['Promise', (value) => value instanceof Promise],
  ['ArrayBuffer', (value) => value instanceof ArrayBuffer],
];

function lossyJsonKind(value: object): string | undefined {
  return lossyJsonKinds.find(([, matches]) => matches(value))?.[0];
}

function describeThrown(error: unknown): string {
  try {
    return toStorableString(error instanceof Error ? error.message : String(error), 200);
  } catch {
    return 'an unprintable value';
  }
}

/** Any value whose JSON every store keeps unchanged (`undefined` is stored as null). */
export const storableJsonSchema = z.unknown().superRefine((value, context) => {
  const found = storableJsonIssue(value);
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
});
