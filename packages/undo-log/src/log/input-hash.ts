import { createHash } from 'node:crypto';
import { parseInput } from '@guardloop/core';
import { storableJsonSchema } from '../record/storable-values';

/**
 * SHA-256 of the input's canonical JSON (sorted keys, `undefined` dropped). Unlike core's
 * `fingerprint`, it keeps case and whitespace: two inputs that differ at all must conflict.
 * For an input already found storable (`storableJsonIssue`); see `hashActionInput`.
 */
export function hashInput(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
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

/** JSON as `JSON.stringify` writes it (`toJSON` applied), with object keys sorted. */
export function canonicalJson(value: unknown, key = ''): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  const json =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(key: string): unknown }).toJSON(key)
      : value;
  if (json === undefined || json === null || typeof json !== 'object') {
    if (typeof json === 'bigint') return JSON.stringify(json.toString());
    return JSON.stringify(json) ?? 'null';
  }
  if (Array.isArray(json))
    return `[${json.map((entry, index) => canonicalJson(entry, String(index))).join(',')}]`;
  const entries = Object.entries(json as Record<string, unknown>)
    .filter(
      ([, entry]) =>
        entry !== undefined && typeof entry !== 'function' && typeof entry !== 'symbol',
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, entry]) => `${JSON.stringify(name)}:${canonicalJson(entry, name)}`).join(',')}}`;
}
