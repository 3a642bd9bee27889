import { InvalidRuleError } from '../errors/invalid-rule-error';
import { UnknownOperatorError } from '../errors/unknown-operator-error';
import { compileScopedOperation } from './compile-scoped-operation';
import { compileFusedRead, compileVariable, variableRoot } from './compile-variable-access';
import { type PlainOperation, plainOperations, scopedOperators } from './json-logic-operations';
import { findMissing, findMissingSome } from './lookup-variable';

/** A json-logic expression turned into a closure: evaluating it re-parses nothing. */
export type CompiledLogic = (data: unknown) => unknown;

/** A custom json-logic operation; like json-logic-js, it is called with the data as `this`. */
export type CustomOperation = (...values: never[]) => unknown;

export interface CompileOptions {
  /** Named in load errors. */
  ruleId: string;
  operations: ReadonlyMap<string, CustomOperation>;
  /**
   * Collects the top-level keys of the data that the expression may read: the first segment of
   * each literal `var` path, or `*` when it may read anything (a computed path, the whole data,
   * `missing`, a custom operation). Lets a caller skip computing data that no rule reads.
   */
  reads?: Set<string>;
}

/** Every `reads` entry, as a token: the expression may read any part of the data. */
export const readsAnything = '*';

const iterating: ReadonlySet<string> = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some']);

const scoped: ReadonlySet<string> = new Set(scopedOperators);

/**
 * Validates a json-logic expression and compiles it to a closure with json-logic-js's semantics.
 * Walks the whole tree once, so every operator is checked at load time, not when a rule runs.
 * @throws UnknownOperatorError for an operator neither built in nor in `options.operations`
 * @throws InvalidRuleError for an object that is not a single-operator expression
 */
export function compileJsonLogic(
  logic: unknown,
  options: CompileOptions,
  path = 'when',
): CompiledLogic {
  if (Array.isArray(logic)) return compileArray(logic, options, path);
  if (typeof logic !== 'object' || logic === null) return () => logic;
  const keys = Object.keys(logic);
  const [operator] = keys;
  if (operator === undefined || keys.length !== 1) {
    const message = `an object in a json-logic rule must have exactly one key, its operator (found ${keys.length})`;
    throw new InvalidRuleError({ ruleId: options.ruleId, issues: [{ path, message }] });
  }
  const raw = (logic as Record<string, unknown>)[operator];
  const list = Array.isArray(raw) ? raw : [raw];
  // The per-item argument of map, filter, reduce... reads the item, not the data.
  const itemOptions =
    options.reads !== undefined && iterating.has(operator)
      ? { ruleId: options.ruleId, operations: options.operations }
      : options;
  const compileArgument = (argument: unknown, index: number) =>
    compileJsonLogic(
      argument,
      index === 1 ? itemOptions : options,
      Array.isArray(raw) ? `${path}.${operator}.${index}` : `${path}.${operator}`,
    );

  if (operator === 'var') {
    options.reads?.add(variableRoot(list) ?? readsAnything);
    return compileVariable(list, list.map(compileArgument));
  }
  const values = list.map(compileArgument);
  if (scoped.has(operator)) return compileScopedOperation(operator, values, list);
  if (operator === 'missing' || operator === 'missing_some') options.reads?.add(readsAnything);
  if (operator === 'missing') return (data) => findMissing(data, evaluateAll(values, data));
  if (operator === 'missing_some') {
    const [needed = constant(undefined), offered = constant(undefined)] = values;
    return (data) => findMissingSome(data, needed(data), offered(data));
  }
  const plain = plainOperations.get(operator);
  if (plain !== undefined) return compileFusedRead(operator, list) ?? compileCall(plain, values);
  const custom = options.operations.get(operator) as
    | ((...values: unknown[]) => unknown)
    | undefined;
  if (custom !== undefined) {
    options.reads?.add(readsAnything);
    return (data) => custom.apply(data, evaluateAll(values, data));
  }
  throw new UnknownOperatorError({ ruleId: options.ruleId, operator, path });
}

function compileArray(
  items: readonly unknown[],
  options: CompileOptions,
  path: string,
): CompiledLogic {
  const values = items.map((item, index) => compileJsonLogic(item, options, `${path}.${index}`));
  if (items.every((item) => typeof item !== 'object' || item === null)) {
    // A literal list (the usual right side of `in`) is built once and shared; frozen so that a
    // custom operation cannot change it for the next evaluation.
    const shared = Object.freeze([...items]);
    return () => shared;
  }
  return (data) => evaluateAll(values, data);
}

function compileCall(operation: PlainOperation, values: readonly CompiledLogic[]): CompiledLogic {
  const [first, second] = values;
  if (values.length === 1 && first !== undefined) return (data) => operation(first(data));
  if (values.length === 2 && first !== undefined && second !== undefined) {
    return (data) => operation(first(data), second(data));
  }
  return (data) => operation(...evaluateAll(values, data));
}

function evaluateAll(values: readonly CompiledLogic[], data: unknown): unknown[] {
  const results = new Array<unknown>(values.length);
  for (let index = 0; index < values.length; index++) results[index] = values[index]?.(data);
  return results;
}

const constant =
  (value: unknown): CompiledLogic =>
  () =>
    value;
