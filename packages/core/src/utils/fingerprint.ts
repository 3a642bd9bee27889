import { InvalidInputError } from '../errors/invalid-input-error';
import { describeThrown, formatPath, maxJsonDepth } from './json-value';

/**
 * A stable fingerprint of JSON-like data: key order does not matter, whitespace and case of
 * strings are normalised. Used to deduplicate signals that describe the same thing.
 * FNV-1a (64-bit via BigInt) keeps it dependency-free and identical on every runtime.
 * @throws InvalidInputError for a cycle, nesting deeper than 256 levels, an Invalid Date or a
 * property that throws when read
 */
export function fingerprint(value: unknown): string {
  return fingerprintWithin(value, maxJsonDepth);
}

/** `fingerprint` with another nesting cap: callers that wrap a value in an envelope add its levels. */
export function fingerprintWithin(value: unknown, maxDepth: number): string {
  const text = stableStringifyOrThrow(value, maxDepth);
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

class Unfingerprintable {
  constructor(readonly message: string) {}
}

function stableStringifyOrThrow(value: unknown, maxDepth: number): string {
  // The path of the value being written: read only when something is wrong.
  const keys: string[] = [];
  try {
    return stableStringify(value, keys, maxDepth, new Set());
  } catch (error) {
    const message =
      error instanceof Unfingerprintable
        ? error.message
        : `cannot be read (${describeThrown(error)})`;
    throw new InvalidInputError({
      subject: 'fingerprint input',
      issues: [{ path: formatPath(keys), message }],
    });
  }
}

function stableStringify(
  value: unknown,
  keys: string[],
  maxDepth: number,
  ancestors: Set<object>,
): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.trim().replace(/\s+/g, ' ').toLowerCase());
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Unfingerprintable('Invalid Date');
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === 'object') {
    if (ancestors.size >= maxDepth) {
      throw new Unfingerprintable(`nested deeper than ${maxDepth} levels`);
    }
    if (ancestors.has(value)) throw new Unfingerprintable('contains a cycle');
    ancestors.add(value);
    const child = (key: string, entry: unknown) => {
      keys.push(key);
      const text = stableStringify(entry, keys, maxDepth, ancestors);
      keys.pop();
      return text;
    };
    let text: string;
    if (Array.isArray(value)) {
      text = `[${value.map((item, index) => child(String(index), item)).join(',')}]`;
    } else {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      text = `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${child(key, entry)}`).join(',')}}`;
    }
    ancestors.delete(value);
    return text;
  }
  return JSON.stringify(String(value));
}
