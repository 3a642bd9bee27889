import { describeThrown } from './json-value';
import { toStorableString, unstorableStringReason } from './storable-values';

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where (keys and indexes from the root) and why a value cannot be stored as JSON. */
export interface JsonIssue {
  path: (string | number)[];
  message: string;
}

export interface StorableJsonOptions {
  /** Nesting depth allowed; a cycle in `'plain'` data is caught by it too. */
  maxDepth: number;
  /** Total UTF-16 code units of all strings and keys. */
  maxChars: number;
  /**
   * `'plain'`: the value must already be JSON (plain objects, arrays, finite numbers but not -0,
   * strings, booleans, null), so it comes back from jsonb exactly as given.
   * `'stringify'`: whatever `JSON.stringify` turns into such JSON (`toJSON` applied, `undefined`,
   * functions and symbols dropped), but not what it would lose or choke on (a Map, a cycle, a
   * bigint, NaN).
   */
  semantics: 'plain' | 'stringify';
  /** `'plain'` only: object properties whose value is `undefined` count as absent (zod's optional fields). */
  skipUndefined?: boolean;
}

// Built-ins whose content lives outside their own enumerable keys: JSON writes `{}` for them,
// and a store would keep (and hash) every Map as the same empty object.
const lossyJsonKinds: readonly [string, (value: object) => boolean][] = [
  ['Map', (value) => value instanceof Map],
  ['Set', (value) => value instanceof Set],
  ['WeakMap', (value) => value instanceof WeakMap],
  ['WeakSet', (value) => value instanceof WeakSet],
  ['Error', (value) => value instanceof Error],
  ['RegExp', (value) => value instanceof RegExp],
  ['Promise', (value) => value instanceof Promise],
  ['ArrayBuffer', (value) => value instanceof ArrayBuffer],
];

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const describe = (error: unknown) => toStorableString(describeThrown(error), 200);

/**
 * The first reason `value` would not survive a jsonb round trip unchanged (see
 * `StorableJsonOptions.semantics`), with its path, or undefined. Never throws: a getter or
 * `toJSON` that throws is an issue too. Runs on every write of every store, so paths are
 * copied only on failure.
 */
export function findStorableJsonIssue(
  value: unknown,
  options: StorableJsonOptions,
): JsonIssue | undefined {
  const { maxDepth, maxChars } = options;
  const stringify = options.semantics === 'stringify';
  const skipUndefined = !stringify && options.skipUndefined === true;
  let chars = 0;
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const issue = (message: string): JsonIssue => ({ path: [...path], message });

  const visit = (raw: unknown, depth: number): JsonIssue | undefined => {
    let current = raw;
    if (stringify && typeof raw === 'object' && raw !== null) {
      try {
        const toJSON = (raw as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === 'function') current = toJSON.call(raw, String(path.at(-1) ?? ''));
      } catch (error) {
        // The store's JSON.stringify would throw the same: say where, instead of crashing.
        return issue(`Converting it to JSON threw: ${describe(error)}`);
      }
    }
    switch (typeof current) {
      case 'string': {
        chars += current.length;
        if (chars > maxChars) return issue(`Too large: over ${maxChars} characters`);
        const reason = unstorableStringReason(current);
        return reason ? issue(`String ${reason}`) : undefined;
      }
      case 'number':
        if (!Number.isFinite(current)) {
          return issue(
            stringify
              ? 'Numbers must be finite (JSON turns NaN and Infinity into null)'
              : 'Numbers must be finite (no NaN or Infinity)',
          );
        }
        if (!stringify && current === 0 && 1 / current < 0)
          return issue('-0 does not survive JSON: use 0');
        return undefined;
      case 'boolean':
        return undefined;
      case 'object':
        return current === null ? undefined : visitNode(current, depth);
      case 'bigint':
        if (stringify) return issue('A bigint is not JSON: convert it to a string or a number');
        break;
      default:
        // Absent in JSON (null in arrays), as in every JSON store.
        if (stringify) return undefined;
    }
    return issue(`${typeof current} is not JSON`);
  };

  const visitNode = (node: object, depth: number): JsonIssue | undefined => {
    if (depth >= maxDepth) return issue(`Nested deeper than ${maxDepth} levels`);
    if (stringify) {
      if (ancestors.has(node)) return issue('Circular reference');
      const lossy = lossyJsonKinds.find(([, matches]) => matches(node))?.[0];
      if (lossy) return issue(`JSON keeps nothing of a ${lossy}: convert it to plain data`);
    } else if (!Array.isArray(node) && !isPlainObject(node)) {
      return issue(`Only plain objects are JSON, not ${node.constructor?.name ?? 'object'}`);
    }
    ancestors.add(node);
    const found = Array.isArray(node) ? visitArray(node, depth) : visitObject(node, depth);
    ancestors.delete(node);
    return found;
  };

  const visitArray = (array: readonly unknown[], depth: number) => {
    for (let index = 0; index < array.length; index++) {
      path.push(index);
      const found = visit(array[index], depth + 1);
      path.pop();
      if (found) return found;
    }
    return undefined;
  };

  const visitObject = (object: object, depth: number) => {
    for (const key of Object.keys(object)) {
      path.push(key);
      const found = visitProperty(object as Record<string, unknown>, key, depth);
      path.pop();
      if (found) return found;
    }
    return undefined;
  };

  const visitProperty = (object: Record<string, unknown>, key: string, depth: number) => {
    let entry: unknown;
    let read = false;
    try {
      // Optional fields left `undefined` are absent: neither their key nor their value counts.
      if (skipUndefined) {
        entry = object[key];
        read = true;
        if (entry === undefined) return undefined;
      }
      chars += key.length;
      const keyReason = unstorableStringReason(key);
      if (keyReason) return issue(`Key ${keyReason}`);
      if (!read) entry = object[key];
    } catch (error) {
      return issue(`Reading it threw: ${describe(error)}`);
    }
    if (entry === undefined && !stringify) return issue('undefined is not JSON: leave the key out');
    return visit(entry, depth + 1);
  };

  return visit(value, 0);
}
