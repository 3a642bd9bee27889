import { InvalidInputError } from '../errors/invalid-input-error';
import { describeThrown, formatPath, maxJsonDepth } from './json-value';

/**
 * A stable fingerprint of JSON-like data: key order does not matter, whitespace and case of
 * strings are normalised. Used to deduplicate signals that describe the same thing.
 * FNV-1a (64-bit, computed in 32-bit halves) keeps it dependency-free and identical on every
 * runtime and across versions: 16 hex digits.
 * @throws InvalidInputError for a cycle, nesting deeper than 256 levels, an Invalid Date or a
 * property that throws when read
 */
export function fingerprint(value: unknown): string {
  return fingerprintWithin(value, maxJsonDepth);
}

/** `fingerprint` with another nesting cap: callers that wrap a value in an envelope add its levels. */
export function fingerprintWithin(value: unknown, maxDepth: number): string {
  return fnv1a64(stableStringifyOrThrow(value, maxDepth));
}

/**
 * 64-bit FNV-1a over UTF-16 code units, in two 32-bit halves: the same value as BigInt
 * arithmetic, without allocating a BigInt per character. The 64-bit prime is 2^40 + 0x1b3, so
 * `hash * prime` is `hash * 0x1b3 + (hash << 40)`; every partial product stays below 2^53.
 */
function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let index = 0; index < text.length; index++) {
    low ^= text.charCodeAt(index);
    const lowProduct = (low >>> 0) * 0x1b3;
    const carry = Math.floor(lowProduct / 0x1_0000_0000);
    high = ((high >>> 0) * 0x1b3 + carry + ((low << 8) >>> 0)) >>> 0;
    low = lowProduct >>> 0;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
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
