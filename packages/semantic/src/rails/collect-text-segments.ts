/** One string found in a selected value, with where it was (`signal.payload.body`, `to[0]`...). */
export interface TextSegment {
  /** Empty for a selected value that is itself a string. */
  path: string;
  text: string;
  /** True when the string is an object key (keys can hold personal data too). */
  isKey: boolean;
}

export interface CollectLimits {
  /** Total characters over all strings. */
  maxLength: number;
  /** Nesting depth of objects and arrays. */
  maxDepth: number;
  /** Values visited (strings, numbers, objects, array items...). */
  maxValues: number;
}

export type CollectResult =
  | { ok: true; segments: TextSegment[]; length: number }
  | { ok: false; limit: keyof CollectLimits; value: number; max: number };

const identifier = /^[A-Za-z_$][\w$-]*$/;

/**
 * Every string in a value, recursively: strings, numbers and bigints (a card number can be
 * stored as a number), object keys and values, array, Map and Set items. Cycles are skipped
 * (the object is being scanned already). Stops at the first limit crossed, so the caller can
 * fail closed instead of judging part of the value. `redactKey` keeps personal data that is in
 * a key out of the paths.
 */
export function collectTextSegments(
  value: unknown,
  limits: CollectLimits,
  redactKey: (key: string) => string = (key) => key,
): CollectResult {
  const segments: TextSegment[] = [];
  const ancestors = new Set<object>();
  let length = 0;
  let values = 0;
  let exceeded: { limit: keyof CollectLimits; value: number; max: number } | undefined;

  const add = (path: string, text: string, isKey: boolean) => {
    length += text.length;
    if (length > limits.maxLength) {
      exceeded = { limit: 'maxLength', value: length, max: limits.maxLength };
      return;
    }
    if (text.trim() !== '') segments.push({ path, text, isKey });
  };
  const childPath = (path: string, key: string) => {
    const safe = redactKey(key);
    if (identifier.test(safe)) return path === '' ? safe : `${path}.${safe}`;
    return `${path}[${JSON.stringify(safe)}]`;
  };

  const visit = (current: unknown, path: string, depth: number): void => {
    if (exceeded) return;
    values += 1;
    if (values > limits.maxValues) {
      exceeded = { limit: 'maxValues', value: values, max: limits.maxValues };
      return;
    }
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      add(path, String(current), false);
      return;
    }
    if (typeof current !== 'object' || current === null || ancestors.has(current)) return;
    if (current instanceof Date || ArrayBuffer.isView(current) || current instanceof ArrayBuffer) {
      return;
    }
    if (depth >= limits.maxDepth) {
      exceeded = { limit: 'maxDepth', value: depth + 1, max: limits.maxDepth };
      return;
    }
    ancestors.add(current);
    if (Array.isArray(current) || current instanceof Set || current instanceof Map) {
      let index = 0;
      for (const item of current as Iterable<unknown>) {
        visit(item, `${path}[${index}]`, depth + 1);
        index += 1;
        if (exceeded) break;
      }
    } else {
      for (const key of Object.keys(current)) {
        const path2 = childPath(path, key);
        add(`${path2} (key)`, key, true);
        visit((current as Record<string, unknown>)[key], path2, depth + 1);
        if (exceeded) break;
      }
    }
    ancestors.delete(current);
  };

  visit(value, '', 0);
  return exceeded ? { ok: false, ...exceeded } : { ok: true, segments, length };
}
