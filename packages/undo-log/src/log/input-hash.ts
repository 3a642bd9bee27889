import { parseInput } from '@guardloop/core';
import { hashCanonicalJson } from '@guardloop/core/internal';
import { storableJsonSchema } from '../record/storable-values';

/**
 * SHA-256 of the input's canonical JSON (sorted keys, `undefined` dropped). Unlike core's
 * `fingerprint`, it keeps case and whitespace: two inputs that differ at all must conflict.
 * For an input already found storable (`storableJsonIssue`); see `hashActionInput`.
 */
export function hashInput(input: unknown): string {
  return hashCanonicalJson(input);
}

/**
 * The `inputHash` the undo log records for `input` (as parsed by the action's schema), for
 * binding approvals and the like to one exact input.
 * @throws InvalidInputError when no store could keep `input` (a cycle, NUL, a Map...), whose
 * hash would otherwise crash or equal another input's
 */
export function hashActionInput(input: unknown): string {
  parseInput(storableJsonSchema, input, 'action input');
  return hashInput(input);
}
