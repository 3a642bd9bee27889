import { createHash } from 'node:crypto';

// Same canonical form as the undo log's input hash (sorted keys, `undefined` dropped), which
// @guardloop/undo-log does not export: keep the two in step.

/**
 * SHA-256 (hex) of the input's canonical JSON: key order does not matter, every other change
 * (a character, a case, a space) gives another hash.
 */
export function hashToolInput(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** JSON with object keys sorted and `undefined` entries dropped. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
