import { z } from 'zod';

/**
 * What every store can keep, so that memory and PostgreSQL accept and return the same things.
 * Keys (ids, segment values, fingerprints) sit in btree indexes, whose entries PostgreSQL caps at
 * ~2.7 KB for the whole composite key: 512 UTF-8 bytes each keeps (day, category, channel, queue)
 * well under it. Documents are bounded so that one write cannot take a server's memory.
 */
export const storableLimits = {
  keyBytes: 512,
  /** Nesting depth of the host's `data` (and of any other JSON in a document). */
  jsonDepth: 32,
  /** The host's `data` of one outcome, in UTF-16 code units of its strings and keys. */
  dataChars: 64 * 1024,
  /** One stored document (outcome, trace, artifact, problem). */
  documentChars: 4 * 1024 * 1024,
} as const;

// In unicode mode a surrogate pair is one code point, so only unpaired halves match.
const loneSurrogate = /[\uD800-\uDFFF]/u;

const utf8 = new TextEncoder();

// NUL or any surrogate: one cheap scan that nearly every string passes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what it looks for.
const suspicious = /[\u0000\uD800-\uDFFF]/;

/** Why PostgreSQL (text or jsonb) cannot keep `value` unchanged, if it cannot. */
export function unstorableStringReason(value: string): string | undefined {
  if (!suspicious.test(value)) return undefined;
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (loneSurrogate.test(value)) return 'must not contain lone UTF-16 surrogates';
  return undefined;
}

/** Whether `value` is a key `storableKeySchema` accepts (a plain check, for hot paths). */
export function isStorableKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  if (unstorableStringReason(value) !== undefined) return false;
  return (
    value.length * 3 <= storableLimits.keyBytes ||
    utf8.encode(value).length <= storableLimits.keyBytes
  );
}

/** A non-empty string that text columns and btree indexes can keep. */
export const storableKeySchema = z
  .string()
  .min(1)
  .superRefine((value, context) => {
    const reason = unstorableStringReason(value);
    if (reason) context.addIssue({ code: 'custom', message: `Key ${reason}` });
    // A code unit is at most 3 UTF-8 bytes: only long strings need the exact count.
    else if (
      value.length * 3 > storableLimits.keyBytes &&
      utf8.encode(value).length > storableLimits.keyBytes
    )
      context.addIssue({
        code: 'custom',
        message: `Key must be at most ${storableLimits.keyBytes} UTF-8 bytes`,
      });
  });

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface JsonIssue {
  path: (string | number)[];
  message: string;
}

interface WalkOptions {
  maxDepth: number;
  maxChars: number;
  /** Object properties whose value is `undefined` count as absent (zod's optional fields). */
  skipUndefined: boolean;
}

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

interface WalkState extends WalkOptions {
  chars: number;
}

const issueAt = (message: string): JsonIssue => ({ path: [], message });

// Recursive with a shared state and paths built only on the way out of a failure: this runs
// on every write of every store.
function visit(current: unknown, depth: number, state: WalkState): JsonIssue | undefined {
  switch (typeof current) {
    case 'string': {
      state.chars += current.length;
      if (state.chars > state.maxChars)
        return issueAt(`Too large: over ${state.maxChars} characters`);
      const reason = unstorableStringReason(current);
      return reason ? issueAt(`String ${reason}`) : undefined;
    }
    case 'number':
      if (!Number.isFinite(current)) return issueAt('Numbers must be finite (no NaN or Infinity)');
      if (current === 0 && 1 / current < 0) return issueAt('-0 does not survive JSON: use 0');
      return undefined;
    case 'boolean':
      return undefined;
    case 'object': {
      if (current === null) return undefined;
      if (depth >= state.maxDepth) return issueAt(`Nested deeper than ${state.maxDepth} levels`);
      if (Array.isArray(current)) {
        for (let index = 0; index < current.length; index++) {
          const found = visit(current[index], depth + 1, state);
          if (found) {
            found.path.unshift(index);
            return found;
          }
        }
        return undefined;
      }
      if (!isPlainObject(current)) {
        const name = (current as object).constructor?.name ?? 'object';
        return issueAt(`Only plain objects are JSON, not ${name}`);
      }
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        const item = (current as Record<string, unknown>)[key];
        if (item === undefined && state.skipUndefined) continue;
        state.chars += key.length;
        const keyReason = unstorableStringReason(key);
        const found = keyReason
          ? issueAt(`Key ${keyReason}`)
          : item === undefined
            ? issueAt('undefined is not JSON: leave the key out')
            : visit(item, depth + 1, state);
        if (found) {
          found.path.unshift(key);
          return found;
        }
      }
      return undefined;
    }
    default:
      return issueAt(`${typeof current} is not JSON`);
  }
}

/**
 * The first reason `value` is not JSON that survives a jsonb round trip unchanged: only plain
 * objects, arrays, finite numbers (not -0, which JSON turns into 0), well-formed strings without
 * NUL, booleans and null; within a depth and a size.
 */
export function jsonValueIssue(value: unknown, options: WalkOptions): JsonIssue | undefined {
  return visit(value, 0, { ...options, chars: 0 });
}

/** The host's free-form `data`: a JSON object that every store returns exactly as given. */
export const jsonObjectSchema = z.custom<JsonObject>().superRefine((value, context) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    context.addIssue({ code: 'custom', message: 'Expected a plain JSON object' });
    return;
  }
  const found = jsonValueIssue(value, {
    maxDepth: storableLimits.jsonDepth,
    maxChars: storableLimits.dataChars,
    skipUndefined: false,
  });
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
});

/** A whole document as the stores keep it (JSON, optional fields may be `undefined`). */
export function storableDocumentIssue(document: unknown): JsonIssue | undefined {
  return jsonValueIssue(document, {
    maxDepth: storableLimits.jsonDepth + 4,
    maxChars: storableLimits.documentChars,
    skipUndefined: true,
  });
}
