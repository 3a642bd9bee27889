import { jsonLogic } from './json-logic';

const { truthy } = jsonLogic;

/** An operation applied to already-evaluated arguments. */
export type PlainOperation = (...values: unknown[]) => unknown;

type Comparable = number;

/**
 * The operators of json-logic-js 2.0.5 that evaluate all their arguments first, with the same
 * semantics as the library (loose equality, parseFloat in `+` and `*`, PHP-style `substr`...).
 * The equivalence is checked operator by operator against json-logic-js in the tests.
 */
export const plainOperations: ReadonlyMap<string, PlainOperation> = new Map<string, PlainOperation>(
  [
    // biome-ignore lint/suspicious/noDoubleEquals: json-logic's == is JavaScript's loose equality.
    ['==', (a, b) => a == b],
    ['===', (a, b) => a === b],
    // biome-ignore lint/suspicious/noDoubleEquals: json-logic's != is JavaScript's loose inequality.
    ['!=', (a, b) => a != b],
    ['!==', (a, b) => a !== b],
    ['>', (a, b) => (a as Comparable) > (b as Comparable)],
    ['>=', (a, b) => (a as Comparable) >= (b as Comparable)],
    [
      '<',
      (a, b, c) =>
        c === undefined
          ? (a as Comparable) < (b as Comparable)
          : (a as Comparable) < (b as Comparable) && (b as Comparable) < (c as Comparable),
    ],
    [
      '<=',
      (a, b, c) =>
        c === undefined
          ? (a as Comparable) <= (b as Comparable)
          : (a as Comparable) <= (b as Comparable) && (b as Comparable) <= (c as Comparable),
    ],
    ['!!', (a) => truthy(a)],
    ['!', (a) => !truthy(a)],
    ['%', (a, b) => (a as number) % (b as number)],
    [
      'log',
      (a) => {
        console.log(a);
        return a;
      },
    ],
    [
      'in',
      (a, b) => {
        const haystack = b as { indexOf?: (value: unknown) => number } | null | undefined;
        if (!haystack || typeof haystack.indexOf === 'undefined') return false;
        return haystack.indexOf(a) !== -1;
      },
    ],
    ['cat', (...values) => values.join('')],
    [
      'substr',
      (source, start, end) => {
        if ((end as number) < 0) {
          // Like PHP, a negative end counts from the end of the string.
          const tail = String(source).substr(start as number);
          return tail.substr(0, tail.length + (end as number));
        }
        return String(source).substr(start as number, end as number);
      },
    ],
    [
      '+',
      (...values) => values.reduce<number>((sum, value) => sum + parseFloat(value as string), 0),
    ],
    [
      '*',
      // No initial value, as in json-logic-js: one argument comes back unparsed, none throws.
      (...values) =>
        values.reduce(
          (product, value) => parseFloat(product as string) * parseFloat(value as string),
        ),
    ],
    ['-', (a, b) => (b === undefined ? -(a as number) : (a as number) - (b as number))],
    ['/', (a, b) => (a as number) / (b as number)],
    ['min', (...values) => Math.min(...(values as number[]))],
    ['max', (...values) => Math.max(...(values as number[]))],
    ['merge', (...values) => values.reduce<unknown[]>((merged, value) => merged.concat(value), [])],
  ],
);

/** Operators that read the data rather than only their arguments. */
export const dataOperators = ['var', 'missing', 'missing_some'] as const;

/** Operators that decide themselves which arguments to evaluate, and against which data. */
export const scopedOperators = [
  'if',
  '?:',
  'and',
  'or',
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
] as const;

/** Every operator json-logic-js knows without `add_operation`. */
export const builtInOperators: ReadonlySet<string> = new Set([
  ...plainOperations.keys(),
  ...dataOperators,
  ...scopedOperators,
]);
