import { parseInput } from '@guardloop/core';
import { canonicalJson as coreCanonicalJson } from '@guardloop/core/internal';
import { hashActionInput } from '@guardloop/undo-log';
// The undo log's storage limits: what it refuses to hash, this refuses too.
import { storableJsonSchema } from '@guardloop/undo-log/internal';

/**
 * SHA-256 (hex) of the input's canonical JSON, exactly the `inputHash` the undo log records
 * for it: key order does not matter, every other change (a character, a case, a space) gives
 * another hash. Hash the input as the action's schema parsed it (`approvalBindingOf` does).
 * @throws InvalidInputError for an input no store could keep (a cycle, NUL, a Map, too deep)
 */
export function hashToolInput(input: unknown): string {
  return hashActionInput(input);
}

/**
 * JSON as `JSON.stringify` writes it, with object keys sorted and `undefined` entries dropped.
 * @throws InvalidInputError for a value no store could keep (a cycle, NUL, a Map, too deep)
 */
export function canonicalJson(value: unknown): string {
  parseInput(storableJsonSchema, value, 'canonical JSON value');
  return coreCanonicalJson(value);
}
