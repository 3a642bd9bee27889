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
 * `toJSON` that throws is an issue too.
 */
export function findStorableJsonIssue(
  value: unknown,
  options: StorableJsonOptions,
): JsonIssue | undefined {
  const state: WalkState = {
    maxDepth: options.maxDepth,
    maxChars: options.maxChars,
    skipUndefined: options.semantics === 'plain' && options.skipUndefined === true,
    chars: 0,
    ancestors: new Set(),
  };
  return options.semantics === 'plain'
    ? visitPlain(value, 0, state)
    : visitJson(value, 0, '', state);
}

interface WalkState {
  maxDepth: number;
  maxChars: number;
  skipUndefined: boolean;
  chars: number;
  /** `'stringify'` only: `'plain'` data has no cycle that its depth cap does not catch. */
  ancestors: Set<object>;
}

const issueAt = (message: string): JsonIssue => ({ path: [], message });

function stringIssue(value: string, state: WalkState): JsonIssue | undefined {
  state.chars += value.length;
  if (state.chars > state.maxChars) return issueAt(`Too large: over ${state.maxChars} characters`);
  const reason = unstorableStringReason(value);
  return reason ? issueAt(`String ${reason}`) : undefined;
}

// Both walks run on every write of every store: they recurse with one shared state and build
// the path only on the way out of a failure.
function visitPlain(current: unknown, depth: number, state: WalkState): JsonIssue | undefined {
  switch (typeof current) {
    case 'string':
      return stringIssue(current, state);
    case 'number':
      if (!Number.isFinite(current)) return issueAt('Numbers must be finite (no NaN or Infinity)');
      if (current === 0 && 1 / current < 0) return issueAt('-0 does not survive JSON: use 0');
      return undefined;
    case 'boolean':
      return undefined;
    case 'object': {
      if (current === null) return undefined;
      if (depth >= state.maxDepth) return issueAt(`Nested deeper than ${state.maxDepth} levels`);
      if (Array.isArray(current)) {
        for (let index = 0; index < current.length; index++) {
          const found = visitPlain(current[index], depth + 1, state);
          if (found) {
            found.path.unshift(index);
            return found;
          }
        }
        return undefined;
      }
      if (!isPlainObject(current)) {
        return issueAt(`Only plain objects are JSON, not ${current.constructor?.name ?? 'object'}`);
      }
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        const found = visitPlainProperty(current as Record<string, unknown>, key, depth, state);
        if (found) {
          found.path.unshift(key);
          return found;
        }
      }
      return undefined;
    }
    default:
      return issueAt(`${typeof current} is not JSON`);
  }
}

function visitPlainProperty(
  object: Record<string, unknown>,
  key: string,
  depth: number,
  state: WalkState,
): JsonIssue | undefined {
  let item: unknown;
  try {
    item = object[key];
  } catch (error) {
    return issueAt(`Reading it threw: ${describe(error)}`);
  }
  // Optional fields left `undefined` are absent: neither their key nor their value counts.
  if (item === undefined && state.skipUndefined) return undefined;
  state.chars += key.length;
  const keyReason = unstorableStringReason(key);
  if (keyReason) return issueAt(`Key ${keyReason}`);
  if (item === undefined) return issueAt('undefined is not JSON: leave the key out');
  return visitPlain(item, depth + 1, state);
}

function visitJson(
  raw: unknown,
  depth: number,
  key: string,
  state: WalkState,
): JsonIssue | undefined {
  let current = raw;
  if (typeof raw === 'object' && raw !== null) {
    try {
      const toJSON = (raw as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') current = toJSON.call(raw, key);
    } catch (error) {
      // The store's JSON.stringify would throw the same: say where, instead of crashing.
      return issueAt(`Converting it to JSON threw: ${describe(error)}`);
    }
  }
  switch (typeof current) {
    case 'string':
      return stringIssue(current, state);
    case 'number':
      return Number.isFinite(current)
        ? undefined
        : issueAt('Numbers must be finite (JSON turns NaN and Infinity into null)');
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      // Absent in JSON (null in arrays), as in every JSON store.
      return undefined;
    case 'bigint':
      return issueAt('A bigint is not JSON: convert it to a string or a number');
    default: {
      if (current === null) return undefined;
      const node = current as object;
      if (depth >= state.maxDepth) return issueAt(`Nested deeper than ${state.maxDepth} levels`);
      if (state.ancestors.has(node)) return issueAt('Circular reference');
      const lossy = lossyJsonKinds.find(([, matches]) => matches(node))?.[0];
      if (lossy) return issueAt(`JSON keeps nothing of a ${lossy}: convert it to plain data`);
      state.ancestors.add(node);
      const found = Array.isArray(node)
        ? visitJsonArray(node, depth, state)
        : visitJsonObject(node, depth, state);
      state.ancestors.delete(node);
      return found;
    }
  }
}

function visitJsonArray(array: readonly unknown[], depth: number, state: WalkState) {
  for (let index = 0; index < array.length; index++) {
    const found = visitJson(array[index], depth + 1, String(index), state);
    if (found) {
      found.path.unshift(index);
      return found;
    }
  }
  return undefined;
}

function visitJsonObject(object: object, depth: number, state: WalkState) {
  for (const key of Object.keys(object)) {
    state.chars += key.length;
    const keyReason = unstorableStringReason(key);
    let found: JsonIssue | undefined;
    if (keyReason) found = issueAt(`Key ${keyReason}`);
    else {
      let entry: unknown;
      try {
        entry = (object as Record<string, unknown>)[key];
      } catch (error) {
        found = issueAt(`Reading it threw: ${describe(error)}`);
      }
      found ??= visitJson(entry, depth + 1, key, state);
    }
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return undefined;
}
