import { toInputIssues } from '@guardloop/core/internal';
import { DuplicateRuleIdError } from '../errors/duplicate-rule-id-error';
import { InvalidRuleError } from '../errors/invalid-rule-error';
import type { CompiledLogic, CustomOperation } from './compile-json-logic';
import { generateRuleTest } from './generate-rule-test';
import { type PolicyRule, type PolicyRuleInput, policyRulesSchema } from './policy-rule-schema';
import { findRuleDepthProblem } from './rule-depth';

/** What `compileRules` returns: the rules, their compiled tests, and the data keys they read. */
export interface CompiledRules {
  rules: readonly PolicyRule[];
  compiled: readonly CompiledRule[];
  /** See `CompileOptions.reads`. */
  reads: ReadonlySet<string>;
}

export interface CompiledRule {
  rule: PolicyRule;
  test: CompiledLogic;
}

/**
 * Validates a list of policy rules (shape, unique ids, known operators) and compiles each
 * condition. Throws on the first problem, so nothing half-valid is ever put in force.
 * @throws InvalidRuleError, DuplicateRuleIdError, UnknownOperatorError
 */
export function compileRules(
  input: readonly PolicyRuleInput[],
  operations: ReadonlyMap<string, CustomOperation>,
  generateCode = true,
): CompiledRules {
  // Checked before zod, whose recursive z.json() would overflow the stack on a deep `when`.
  checkDepth(input);
  let parsed: ReturnType<typeof policyRulesSchema.safeParse>;
  try {
    parsed = policyRulesSchema.safeParse(input);
  } catch (error) {
    throw new InvalidRuleError({
      issues: [{ path: '', message: `cannot be read (${describe(error)})` }],
      cause: error,
    });
  }
  if (!parsed.success) {
    const [index] = parsed.error.issues[0]?.path ?? [];
    const id =
      typeof index === 'number' ? (input[index] as { id?: unknown } | undefined)?.id : undefined;
    throw new InvalidRuleError({
      ...(typeof id === 'string' ? { ruleId: id } : {}),
      issues: toInputIssues(parsed.error.issues),
      cause: parsed.error,
    });
  }
  const seen = new Map<string, number>();
  parsed.data.forEach((rule, index) => {
    const first = seen.get(rule.id);
    if (first !== undefined)
      throw new DuplicateRuleIdError({ ruleId: rule.id, indexes: [first, index] });
    seen.set(rule.id, index);
  });
  const reads = new Set<string>();
  const compiled = parsed.data.map((rule) => ({
    rule: Object.freeze(rule),
    test: generateRuleTest(rule.when, { ruleId: rule.id, operations, reads }, generateCode),
  }));
  return { rules: Object.freeze(compiled.map(({ rule }) => rule)), compiled, reads };
}

function checkDepth(input: unknown): void {
  if (!Array.isArray(input)) return;
  input.forEach((rule: unknown, index) => {
    let id: unknown;
    let when: unknown;
    try {
      ({ id, when } = (rule ?? {}) as { id?: unknown; when?: unknown });
    } catch (error) {
      throw new InvalidRuleError({
        issues: [{ path: String(index), message: `cannot be read (${describe(error)})` }],
        cause: error,
      });
    }
    const problem = findRuleDepthProblem(when, `${index}.when`);
    if (problem !== undefined) {
      throw new InvalidRuleError({
        ...(typeof id === 'string' ? { ruleId: id } : {}),
        issues: [problem],
      });
    }
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unreadable';
}
