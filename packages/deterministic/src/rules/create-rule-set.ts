import { parseInput } from '@guardloop/core';
import { describeThrown } from '@guardloop/core/internal';
import { z } from 'zod';
import { type CustomOperation, readsAnything } from './compile-json-logic';
import { type CompiledRule, compileRules } from './compile-rules';
import { jsonLogic } from './json-logic';
import { builtInOperators } from './json-logic-operations';
import type { PolicyRule, PolicyRuleInput } from './policy-rule-schema';

export interface RuleSetOptions {
  /** Extra json-logic operators that rules may use, by name. Built-in names cannot be redefined. */
  operations?: Record<string, CustomOperation>;
  /**
   * `false`: never generate code with `new Function`; conditions run as closures, with the same
   * answers, but slower. For runtimes that forbid it (a strict Content-Security-Policy
   * without `unsafe-eval`, which would also report each refused attempt). Default `true`.
   */
  compile?: boolean;
}

export interface RuleFailure {
  rule: PolicyRule;
  /** Why evaluating the rule threw (a custom operation failed, `*` with no arguments...). */
  error: string;
}

export interface RuleSetEvaluation {
  /** Which generation of rules answered: 1 at creation, plus one per `replace`. */
  revision: number;
  checked: number;
  /** Rules whose condition held, in rule order. */
  matched: readonly PolicyRule[];
  failed: readonly RuleFailure[];
}

/** Validated, compiled policy rules that can be swapped while the process keeps running. */
export interface RuleSet {
  readonly rules: readonly PolicyRule[];
  readonly revision: number;
  /**
   * Validates and compiles `rules`, then puts them in force at once. When they are invalid it
   * throws and the rules in force stay as they were.
   * @throws InvalidRuleError, DuplicateRuleIdError, UnknownOperatorError
   */
  replace(rules: readonly PolicyRuleInput[]): void;
  /** Evaluates every rule against `data` (see `projectRailContext`); never throws. */
  evaluate(data: unknown): RuleSetEvaluation;
}

const optionsSchema = z.object({
  operations: z
    .record(
      z
        .string()
        .min(1)
        .refine((name) => !builtInOperators.has(name), 'redefines a built-in json-logic operator'),
      z.custom<CustomOperation>((value) => typeof value === 'function', 'expected a function'),
    )
    .optional(),
  compile: z.boolean().optional(),
});

const brand = Symbol.for('guardloop.ruleSet');
const { truthy } = jsonLogic;
const none: readonly never[] = Object.freeze([]);

/** True for a rule set made by `createRuleSet` (not a plain array of rules). */
export function isRuleSet(value: unknown): value is RuleSet {
  return typeof value === 'object' && value !== null && brand in value;
}

/**
 * Validates json-logic policy rules (shape, unique ids, known operators) and compiles them once.
 * @throws InvalidRuleError, DuplicateRuleIdError, UnknownOperatorError for bad rules
 * @throws InvalidInputError for bad options
 */
export function createRuleSet(
  rules: readonly PolicyRuleInput[],
  options: RuleSetOptions = {},
): RuleSet {
  const parsed = parseInput(optionsSchema, options, 'rule set options');
  const operations = new Map(Object.entries(parsed.operations ?? {}));
  const generateCode = parsed.compile ?? true;
  let current = { revision: 1, ...compileRules(rules, operations, generateCode) };

  const evaluate = (data: unknown, quiet: boolean): RuleSetEvaluation | undefined => {
    const { revision, compiled } = current;
    // Arrays are allocated only when something matches: the common answer is "nothing".
    let matched: PolicyRule[] | undefined;
    let failed: RuleFailure[] | undefined;
    for (let index = 0; index < compiled.length; index++) {
      const { rule, test } = compiled[index] as CompiledRule;
      try {
        if (!truthy(test(data))) continue;
        matched ??= [];
        matched.push(rule);
      } catch (error) {
        failed ??= [];
        failed.push({ rule, error: describeThrown(error) });
      }
    }
    if (quiet && matched === undefined && failed === undefined) return undefined;
    return {
      revision,
      checked: compiled.length,
      matched: matched ?? none,
      failed: failed ?? none,
    };
  };
  const hotPath: RuleSetHotPath = {
    readsNow: () => current.reads.has('now') || current.reads.has(readsAnything),
    evaluateMatches: (data) => evaluate(data, true),
  };

  return {
    [brand]: true,
    [hotPathKey]: hotPath,
    get rules() {
      return current.rules;
    },
    get revision() {
      return current.revision;
    },
    replace(next) {
      // Compile first: a failure throws before anything in force changes.
      current = { revision: current.revision + 1, ...compileRules(next, operations, generateCode) };
    },
    evaluate: (data) => evaluate(data, false) as RuleSetEvaluation,
  } as RuleSet;
}

/**
 * What the rules rail uses on its hot path, for rule sets made by this copy of the package:
 * whether any rule may read `now`, and an evaluation that answers `undefined` when no rule
 * matched or failed (the common answer), so that it allocates nothing then.
 */
export interface RuleSetHotPath {
  readsNow(): boolean;
  evaluateMatches(data: unknown): RuleSetEvaluation | undefined;
}

const hotPathKey = Symbol('guardloop.ruleSet.hotPath');

/** The hot path of a rule set from `createRuleSet`; undefined for one from another copy. */
export function ruleSetHotPath(ruleSet: RuleSet): RuleSetHotPath | undefined {
  return (ruleSet as RuleSet & { [hotPathKey]?: RuleSetHotPath })[hotPathKey];
}
