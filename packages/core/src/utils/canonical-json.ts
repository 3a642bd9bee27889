import { createHash } from 'node:crypto';

/**
 * JSON as `JSON.stringify` writes it (`toJSON` applied, `undefined`, functions and symbols
 * dropped from objects), with object keys sorted by UTF-16 code units and bigints written as
 * strings: equal data gives equal text whatever its key order. Unlike `fingerprint`, it keeps
 * case and whitespace. For data already found storable (`findStorableJsonIssue` with
 * `semantics: 'stringify'`): a cycle overflows the stack.
 */
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

/** SHA-256 of `text` (as UTF-8), hex by default. */
export function sha256(text: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(text).digest(encoding);
}

/** SHA-256 (hex) of `value`'s canonical JSON: the same for equal data in any key order. */
export function hashCanonicalJson(value: unknown): string {
  return sha256(canonicalJson(value));
}
