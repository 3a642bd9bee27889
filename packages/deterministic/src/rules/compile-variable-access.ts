import type { CompiledLogic } from './compile-json-logic';
import { lookupVariable } from './lookup-variable';

// Reads of the data, compiled: `var`, and a `var` tested against literals. Paths are split once
// at load time, and a test is one closure that walks the path itself: calls between compiled
// closures are what an evaluation spends most of its time on.
function walkPath(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (let index = 0; index < segments.length; index++) {
    if (current === null || current === undefined) return notFound;
    current = (current as Record<string, unknown>)[segments[index] as string];
    if (current === undefined) return notFound;
  }
  return current;
}

const isLiteral = (value: unknown) => typeof value !== 'object' || value === null;

/** A list of literals, which json-logic evaluates to an equal list: e.g. a `var` default of `[]`. */
const isLiteralList = (value: unknown): value is readonly unknown[] =>
  Array.isArray(value) && value.every(isLiteral);

/** The arguments of a `var` whose path and fallback are literals, prepared; else undefined. */
function literalPath(
  list: readonly unknown[],
): { segments: string[]; notFound: unknown } | undefined {
  const [path, fallback] = list;
  if (!isLiteral(path) || list.length > 2) return undefined;
  if (!isLiteral(fallback) && !isLiteralList(fallback)) return undefined;
  // An empty path reads the whole data: walking no segments does exactly that.
  const segments =
    path === undefined || path === '' || path === null ? [] : String(path).split('.');
  // A list default is shared between evaluations, frozen so that nothing can change it.
  const notFound =
    fallback === undefined
      ? null
      : isLiteralList(fallback)
        ? Object.freeze([...fallback])
        : fallback;
  return { segments, notFound };
}

export function compileVariable(
  list: readonly unknown[],
  values: readonly CompiledLogic[],
): CompiledLogic {
  const literal = literalPath(list);
  if (literal === undefined) {
    return (data) => lookupVariable(data, values[0]?.(data), values[1]?.(data));
  }
  const { segments, notFound } = literal;
  return (data) => walkPath(data, segments, notFound);
}

/** The prepared path of a `{ "var": <literal path> }` node; undefined for anything else. */
function variableNode(node: unknown): { segments: string[]; notFound: unknown } | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const variable = (node as { var: unknown }).var;
  return literalPath(Array.isArray(variable) ? variable : [variable]);
}

type Comparable = number;

/**
 * Fuses the common rule shapes that read one value and test it against literals:
 * `{ "<op>": [{ "var": <path> }, <literal>] }` for the eight comparisons,
 * `{ "in": [{ "var": <path> }, [<literals>]] }` and `{ "in": [<literal>, { "var": <path> }] }`.
 * Returns undefined for any other shape, which then compiles the general way.
 */
export function compileFusedRead(
  operator: string,
  list: readonly unknown[],
): CompiledLogic | undefined {
  if (list.length !== 2) return undefined;
  const [left, right] = list as [unknown, Comparable];
  const read = variableNode(left);
  if (operator === 'in') return compileFusedIn(read, left, right);
  if (read === undefined || !isLiteral(right)) return undefined;
  const { segments, notFound } = read;
  switch (operator) {
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic's == is JavaScript's loose equality.
      return (data) => walkPath(data, segments, notFound) == right;
    case '===':
      return (data) => walkPath(data, segments, notFound) === right;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic's != is JavaScript's loose inequality.
      return (data) => walkPath(data, segments, notFound) != right;
    case '!==':
      return (data) => walkPath(data, segments, notFound) !== right;
    case '>':
      return (data) => (walkPath(data, segments, notFound) as Comparable) > right;
    case '>=':
      return (data) => (walkPath(data, segments, notFound) as Comparable) >= right;
    case '<':
      return (data) => (walkPath(data, segments, notFound) as Comparable) < right;
    case '<=':
      return (data) => (walkPath(data, segments, notFound) as Comparable) <= right;
    default:
      return undefined;
  }
}

function compileFusedIn(
  read: { segments: string[]; notFound: unknown } | undefined,
  left: unknown,
  right: unknown,
): CompiledLogic | undefined {
  if (read !== undefined && isLiteralList(right)) {
    const { segments, notFound } = read;
    const list: readonly unknown[] = [...right];
    return (data) => list.indexOf(walkPath(data, segments, notFound)) !== -1;
  }
  const haystackPath = variableNode(right);
  if (haystackPath === undefined || !isLiteral(left)) return undefined;
  const { segments, notFound } = haystackPath;
  return (data) => {
    // json-logic-js's `in`: anything with an indexOf (a string or an array), else false.
    const haystack = walkPath(data, segments, notFound) as {
      indexOf?: (value: unknown) => number;
    } | null;
    if (!haystack || typeof haystack.indexOf === 'undefined') return false;
    return haystack.indexOf(left) !== -1;
  };
}
