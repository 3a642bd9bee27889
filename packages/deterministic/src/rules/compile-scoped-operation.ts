import type { CompiledLogic } from './compile-json-logic';
import { jsonLogic } from './json-logic';

const { truthy } = jsonLogic;

const nothing: CompiledLogic = () => undefined;

/**
 * The json-logic operators that choose which arguments to evaluate (`if`, `and`, `or`) or
 * evaluate one against each item of a list (`map`, `filter`, `reduce`, `all`, `none`, `some`),
 * with json-logic-js's semantics, including its answers for empty and non-array inputs.
 */
export function compileScopedOperation(
  operator: string,
  values: readonly CompiledLogic[],
  raw: readonly unknown[],
): CompiledLogic {
  const [source = nothing, each = nothing, initial = nothing] = values;
  switch (operator) {
    case 'if':
    case '?:':
      return (data) => {
        let index = 0;
        for (; index < values.length - 1; index += 2) {
          if (truthy(values[index]?.(data))) return values[index + 1]?.(data);
        }
        return values.length === index + 1 ? values[index]?.(data) : null;
      };
    case 'and': {
      // Two or three conditions, the usual rule, unrolled: same answers, no loop.
      const [left, middle, right] = values;
      if (values.length === 2 && left !== undefined && middle !== undefined) {
        return (data) => {
          const current = left(data);
          return truthy(current) ? middle(data) : current;
        };
      }
      if (
        values.length === 3 &&
        left !== undefined &&
        middle !== undefined &&
        right !== undefined
      ) {
        return (data) => {
          const current = left(data);
          if (!truthy(current)) return current;
          const next = middle(data);
          return truthy(next) ? right(data) : next;
        };
      }
      return (data) => {
        let current: unknown;
        for (let index = 0; index < values.length; index++) {
          current = values[index]?.(data);
          if (!truthy(current)) return current;
        }
        return current;
      };
    }
    case 'or':
      return (data) => {
        let current: unknown;
        for (let index = 0; index < values.length; index++) {
          current = values[index]?.(data);
          if (truthy(current)) return current;
        }
        return current;
      };
    case 'filter':
      return (data) => {
        const items = source(data);
        return Array.isArray(items) ? items.filter((item) => truthy(each(item))) : [];
      };
    case 'map':
      return (data) => {
        const items = source(data);
        return Array.isArray(items) ? items.map((item) => each(item)) : [];
      };
    case 'reduce': {
      const hasInitial = raw[2] !== undefined;
      return (data) => {
        const items = source(data);
        const start = hasInitial ? initial(data) : null;
        if (!Array.isArray(items)) return start;
        return items.reduce<unknown>(
          (accumulator, current) => each({ current, accumulator }),
          start,
        );
      };
    }
    case 'all':
      return (data) => {
        const items = source(data);
        return (
          Array.isArray(items) && items.length > 0 && items.every((item) => truthy(each(item)))
        );
      };
    case 'none':
      return (data) => {
        const items = source(data);
        return !Array.isArray(items) || !items.some((item) => truthy(each(item)));
      };
    case 'some':
      return (data) => {
        const items = source(data);
        return Array.isArray(items) && items.some((item) => truthy(each(item)));
      };
    default:
      throw new Error(`Not a scoped json-logic operator: ${operator}`);
  }
}
