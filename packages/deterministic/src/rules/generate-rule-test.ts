import { type CompiledLogic, type CompileOptions, compileJsonLogic } from './compile-json-logic';
import { jsonLogic } from './json-logic';

// A rule's condition as one generated function: reads of literal paths, comparisons with
// literals, `and`, `or`, `!`, `!!` and `in` become plain JavaScript, so a rule costs about what
// the same if-statement written by hand costs. Anything else is the compiled closure, called from
// the generated code. Only JSON.stringify'd literals and path segments (as bracketed string
// literals) and generated names enter the source: rule data can never become code.

const { truthy } = jsonLogic;

type Primitive = string | number | boolean | null;

const isPrimitive = (value: unknown): value is Primitive =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

const comparisons: ReadonlySet<string> = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=']);

interface Generator {
  /** Temporary variables declared at the top of the generated function. */
  temporaries: number;
  /** Closures and constants the generated code refers to, by index. */
  captured: unknown[];
  options: CompileOptions;
}

function capture(generator: Generator, value: unknown): string {
  generator.captured.push(value);
  return `c[${generator.captured.length - 1}]`;
}

function temporary(generator: Generator): string {
  generator.temporaries += 1;
  return `t${generator.temporaries}`;
}

/** The `var` read as json-logic-js walks it (see `walkPath`), or undefined when not literal. */
function generateRead(generator: Generator, argument: unknown): string | undefined {
  const list = Array.isArray(argument) ? argument : [argument];
  const [path, fallback] = list;
  if (list.length > 2 || !isPrimitive(path ?? null)) return undefined;
  const listFallback = Array.isArray(fallback) && fallback.every(isPrimitive);
  if (fallback !== undefined && !isPrimitive(fallback) && !listFallback) return undefined;
  const segments =
    path === undefined || path === '' || path === null ? [] : String(path).split('.');
  // A list default is shared between evaluations, frozen like the compiled one.
  const notFound = listFallback
    ? capture(generator, Object.freeze([...fallback]))
    : JSON.stringify(fallback === undefined ? null : fallback);
  const current = temporary(generator);
  let expression = current;
  for (let index = segments.length - 1; index >= 0; index--) {
    const key = JSON.stringify(segments[index]);
    expression =
      `(${current} === null || ${current} === undefined ? ${notFound} : ` +
      `(${current} = ${current}[${key}]) === undefined ? ${notFound} : ${expression})`;
  }
  return `(${current} = data, ${expression})`;
}

function generate(generator: Generator, logic: unknown): string {
  if (isPrimitive(logic)) return JSON.stringify(logic);
  if (typeof logic === 'object' && logic !== null && !Array.isArray(logic)) {
    const keys = Object.keys(logic);
    const operator = keys[0] as string;
    const raw = (logic as Record<string, unknown>)[operator];
    const list: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    const generated = generateOperation(generator, operator, raw, list);
    if (generated !== undefined) return generated;
  }
  // Everything else runs as the compiled closure, with the same answers.
  return `${capture(generator, compileJsonLogic(logic, generator.options))}(data)`;
}

function generateOperation(
  generator: Generator,
  operator: string,
  raw: unknown,
  list: readonly unknown[],
): string | undefined {
  if (operator === 'var') return generateRead(generator, raw);
  if (comparisons.has(operator)) {
    if (list.length !== 2) return undefined;
    return `(${generate(generator, list[0])} ${operator} ${generate(generator, list[1])})`;
  }
  if (operator === '!' || operator === '!!') {
    // json-logic-js reads the first argument only, but evaluates them all.
    if (list.length !== 1) return undefined;
    const value = `t(${generate(generator, list[0])})`;
    return operator === '!' ? `!${value}` : value;
  }
  if (operator === 'and' || operator === 'or') {
    if (list.length === 0) return 'undefined';
    const current = temporary(generator);
    const stop = operator === 'and' ? '!' : '';
    let expression = `(${current} = ${generate(generator, list[list.length - 1])})`;
    for (let index = list.length - 2; index >= 0; index--) {
      expression = `((${current} = ${generate(generator, list[index])}), ${stop}t(${current}) ? ${current} : ${expression})`;
    }
    return expression;
  }
  if (operator === 'in' && list.length === 2) {
    const [needle, haystack] = list;
    if (Array.isArray(haystack) && haystack.every(isPrimitive)) {
      // A literal list, shared and frozen like the compiled one.
      const shared = capture(generator, Object.freeze([...haystack]));
      return `(${shared}.indexOf(${generate(generator, needle)}) !== -1)`;
    }
    const left = temporary(generator);
    const right = temporary(generator);
    // Both sides evaluated in order, then json-logic-js's `in` on anything with an indexOf.
    return (
      `(${left} = ${generate(generator, needle)}, ${right} = ${generate(generator, haystack)}, ` +
      `!${right} || typeof ${right}.indexOf === 'undefined' ? false : ${right}.indexOf(${left}) !== -1)`
    );
  }
  return undefined;
}

let generatedCode: boolean | undefined;

/** Whether this runtime allows `new Function` (a strict Content-Security-Policy may not). */
function canGenerateCode(): boolean {
  if (generatedCode === undefined) {
    try {
      generatedCode = new Function('return true')() === true;
    } catch {
      generatedCode = false;
    }
  }
  return generatedCode;
}

/**
 * A rule's condition compiled for speed, with the answers of `compileJsonLogic` (which checks
 * it first, so the same load errors are thrown and the same `reads` collected). Falls back to
 * the compiled closure where code cannot be generated, or with `generateCode: false` (then
 * `Function` is never called, not even to probe).
 * @throws UnknownOperatorError, InvalidRuleError as `compileJsonLogic`
 */
export function generateRuleTest(
  logic: unknown,
  options: CompileOptions,
  generateCode = true,
): CompiledLogic {
  const compiled = compileJsonLogic(logic, options);
  if (!generateCode || !canGenerateCode()) return compiled;
  // Nested closures are compiled again without collecting reads: already collected above.
  const generator: Generator = {
    temporaries: 0,
    captured: [],
    options: { ruleId: options.ruleId, operations: options.operations },
  };
  const body = generate(generator, logic);
  const names = Array.from({ length: generator.temporaries }, (_, index) => `t${index + 1}`);
  const declarations = names.length > 0 ? `let ${names.join(', ')};` : '';
  try {
    const factory = new Function(
      't',
      'c',
      `"use strict"; return function rule(data) { ${declarations} return ${body}; };`,
    ) as (isTruthy: typeof truthy, captured: unknown[]) => CompiledLogic;
    return factory(truthy, generator.captured);
  } catch {
    return compiled;
  }
}
