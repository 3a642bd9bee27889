import {
  findStorableJsonIssue,
  isStorableText,
  type JsonIssue,
  type JsonObject,
  type JsonValue,
  storableTextSchema,
} from '@guardloop/core/internal';
import { z } from 'zod';

export type { JsonIssue, JsonObject, JsonValue } from '@guardloop/core/internal';

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

/** Whether `value` is a key `storableKeySchema` accepts (a plain check, for hot paths). */
export function isStorableKey(value: unknown): value is string {
  return isStorableText(value, storableLimits.keyBytes);
}

/** A non-empty string that text columns and btree indexes can keep. */
export const storableKeySchema = storableTextSchema({
  label: 'Key',
  maxBytes: storableLimits.keyBytes,
});

/** The host's free-form `data`: a JSON object that every store returns exactly as given. */
export const jsonObjectSchema = z.custom<JsonObject>().superRefine((value, context) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    context.addIssue({ code: 'custom', message: 'Expected a plain JSON object' });
    return;
  }
  const found = findStorableJsonIssue(value, {
    semantics: 'plain',
    maxDepth: storableLimits.jsonDepth,
    maxChars: storableLimits.dataChars,
  });
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
});

/** Any JSON value within the same bounds as `data` (e.g. a reviewer's edit diff). */
export const jsonValueSchema = z.custom<JsonValue>().superRefine((value, context) => {
  if (value === undefined) {
    context.addIssue({ code: 'custom', message: 'Expected a JSON value' });
    return;
  }
  const found = findStorableJsonIssue(value, {
    semantics: 'plain',
    maxDepth: storableLimits.jsonDepth,
    maxChars: storableLimits.dataChars,
  });
  if (found) context.addIssue({ code: 'custom', path: found.path, message: found.message });
});

/** A whole document as the stores keep it (JSON, optional fields may be `undefined`). */
export function storableDocumentIssue(document: unknown): JsonIssue | undefined {
  return findStorableJsonIssue(document, {
    semantics: 'plain',
    maxDepth: storableLimits.jsonDepth + 4,
    maxChars: storableLimits.documentChars,
    skipUndefined: true,
  });
}
