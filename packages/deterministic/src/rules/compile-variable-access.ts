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

type Readable = Record<string, unknown>;

/**
 * `walkPath` for one prepared path, unrolled for the usual depths (one to three segments): the
 * same answers, without a loop over the segments on every read.
 */
function pathReader(segments: readonly string[], notFound: unknown): CompiledLogic {
  const [first = '', second = '', third = ''] = segments;
  switch (segments.length) {
    case 1:
      return (data) => {
        if (data === null || data === undefined) return notFound;
        const value = (data as Readable)[first];
        return value === undefined ? notFound : value;
      };
    case 2:
      return (data) => {
        if (data === null || data === undefined) return notFound;
        const parent = (data as Readable)[first];
        if (parent === null || parent === undefined) return notFound;
        const value = (parent as Readable)[second];
        return value === undefined ? notFound : value;
      };
    case 3:
      return (data) => {
        if (data === null || data === undefined) return notFound;
        const grandparent = (data as Readable)[first];
        if (grandparent === null || grandparent === undefined) return notFound;
        const parent = (grandparent as Readable)[second];
        if (parent === null || parent === undefined) return notFound;
        const value = (parent as Readable)[third];
        return value === undefined ? notFound : value;
      };
    default:
      return (data) => walkPath(data, segments, notFound);
  }
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

/** The top-level key a `var` with these arguments reads; undefined for a computed or empty path. */
export function variableRoot(list: readonly unknown[]): string | undefined {
  const segments = literalPath(list)?.segments;
  return segments === undefined || segments.length === 0 ? undefined : segments[0];
}

export function compileVariable(
  list: readonly unknown[],
  values: readonly CompiledLogic[],
): CompiledLogic {
  const literal = literalPath(list);
  if (literal === undefined) {
    return (data) => lookupVariable(data, values[0]?.(data), values[1]?.(data));
  }
  return pathReader(literal.segments, literal.notFound);
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
  const value = pathReader(read.segments, read.notFound);
  switch (operator) {
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic's == is JavaScript's loose equality.
      return (data) => value(data) == right;
    case '===':
      return (data) => value(data) === right;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: json-logic's != is JavaScript's loose inequality.
      return (data) => value(data) != right;
    case '!==':
      return (data) => value(data) !== right;
    case '>':
      return (data) => (value(data) as Comparable) > right;
    case '>=':
      return (data) => (value(data) as Comparable) >= right;
    case '<':
      return (data) => (value(data) as Comparable) < right;
    case '<=':
      return (data) => (value(data) as Comparable) <= right;
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
    const value = pathReader(read.segments, read.notFound);
    const list: readonly unknown[] = [...right];
    return (data) => list.indexOf(value(data)) !== -1;
  }
  const haystackPath = variableNode(right);
  if (haystackPath === undefined || !isLiteral(left)) return undefined;
  const value = pathReader(haystackPath.segments, haystackPath.notFound);
  return (data) => {
    // json-logic-js's `in`: anything with an indexOf (a string or an array), else false.
    const haystack = value(data) as {
      indexOf?: (value: unknown) => number;
    } | null;
    if (!haystack || typeof haystack.indexOf === 'undefined') return false;
    return haystack.indexOf(left) !== -1;
  };
}
