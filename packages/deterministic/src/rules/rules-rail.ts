import {
  type Clock,
  escalate,
  InvalidInputError,
  parseInput,
  type Rail,
  type RailContext,
  systemClock,
} from '@guardloop/core';
import { clockSchema, describeThrown } from '@guardloop/core/internal';
import { z } from 'zod';
import type { CustomOperation } from './compile-json-logic';
import {
  createRuleSet,
  isRuleSet,
  type RuleFailure,
  type RuleSet,
  ruleSetHotPath,
} from './create-rule-set';
import type { PolicyRule, PolicyRuleInput } from './policy-rule-schema';
import { projectRailContext } from './project-rail-context';

export interface RulesRailOptions {
  /** Rail name, unique among the rails of one decision. Default `rules`. */
  name?: string;
  /** Source of `now` in the rule data. Default: the system clock. */
  clock?: Clock;
  /** Replaces the documented projection (`projectRailContext`) of what rules see. */
  project?: (context: RailContext, now: number) => unknown;
  /** Custom operators, when `rules` is a plain array (a RuleSet brings its own). */
  operations?: Record<string, CustomOperation>;
  /** `false`: no `new Function`, see `RuleSetOptions.compile` (a RuleSet brings its own). */
  compile?: boolean;
}

const optionsSchema = z.object({
  name: z.string().min(1).optional(),
  clock: clockSchema.optional(),
  project: z
    .custom<RulesRailOptions['project'] & {}>(
      (value) => typeof value === 'function',
      'expected a function',
    )
    .optional(),
  operations: z.record(z.string(), z.unknown()).optional(),
  compile: z.boolean().optional(),
});

const describeRule = (rule: PolicyRule) => `Rule '${rule.id}' v${rule.version}`;
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const matchedReason = (rule: PolicyRule) =>
  `${describeRule(rule)} matched: ${sentence(rule.description)}`;
const failedReason = ({ rule, error }: RuleFailure) =>
  `${describeRule(rule)} could not be evaluated (${error}); escalating because rules fail closed.`;
const summary = (rule: PolicyRule) => ({
  id: rule.id,
  version: rule.version,
  verdict: rule.verdict,
});

/**
 * A deterministic rail that judges the context with json-logic policy rules. A matching `deny`
 * rule denies, else any matching `escalate` rule (or a rule that throws) escalates, else it
 * allows. Verdicts name the rule id and version that fired. Pass a RuleSet to hot-swap rules.
 * @throws InvalidRuleError, DuplicateRuleIdError, UnknownOperatorError when given bad rules
 * @throws InvalidInputError for bad options
 */
export function rulesRail(
  rules: RuleSet | readonly PolicyRuleInput[],
  options: RulesRailOptions = {},
): Rail {
  parseInput(optionsSchema, options, 'rulesRail options');
  const { name = 'rules', clock = systemClock, project = projectRailContext } = options;
  const { operations, compile } = options;
  if (isRuleSet(rules)) {
    const path = operations !== undefined ? 'operations' : compile !== undefined ? 'compile' : '';
    if (path !== '') {
      const what = path === 'operations' ? 'operations: pass them' : 'compile setting: pass it';
      const message = `a RuleSet brings its own ${what} to createRuleSet instead`;
      throw new InvalidInputError({ subject: 'rulesRail options', issues: [{ path, message }] });
    }
  }
  const ruleSet = isRuleSet(rules)
    ? rules
    : createRuleSet(rules, {
        ...(operations ? { operations } : {}),
        ...(compile !== undefined ? { compile } : {}),
      });
  const hotPath = ruleSetHotPath(ruleSet);
  const defaultProjection = project === projectRailContext;
  let allowed:
    | Readonly<{
        verdict: 'allow';
        reason: string;
        evidence: Readonly<{ revision: number; checked: number }>;
      }>
    | undefined;

  return {
    name,
    kind: 'deterministic',
    evaluate(context) {
      let data: unknown;
      try {
        // With the documented projection, the clock is read only when a rule may read `now`.
        const now =
          hotPath === undefined || !defaultProjection || hotPath.readsNow() ? clock.now() : 0;
        data = project(context, now);
      } catch (error) {
        return escalate(
          `Could not build the data for the policy rules (${describeThrown(error)}); escalating.`,
        );
      }
      const evaluation =
        hotPath === undefined ? ruleSet.evaluate(data) : hotPath.evaluateMatches(data);
      if (
        evaluation === undefined ||
        (evaluation.matched.length === 0 && evaluation.failed.length === 0)
      ) {
        // The common answer is the same for every decision of a revision: built once, frozen
        // so that no caller can change it for the next one.
        const revision = evaluation?.revision ?? ruleSet.revision;
        const checked = evaluation?.checked ?? ruleSet.rules.length;
        if (allowed?.evidence.revision !== revision || allowed.evidence.checked !== checked) {
          const reason = `No policy rule matched (${checked} checked).`;
          const evidence = Object.freeze({ revision, checked });
          allowed = Object.freeze({ verdict: 'allow' as const, reason, evidence });
        }
        return allowed;
      }
      const { revision, matched, failed } = evaluation;
      // A deny decides alone; otherwise every escalation (and every rule that failed) is listed.
      const denial = matched.find((rule) => rule.verdict === 'deny');
      const deciding = denial ?? matched[0];
      const evidence: Record<string, unknown> = {};
      if (deciding !== undefined) evidence.rule = summary(deciding);
      evidence.revision = revision;
      evidence.matched = matched.map(summary);
      if (failed.length > 0) {
        evidence.failed = failed.map(({ rule, error }) => ({ ...summary(rule), error }));
      }
      if (denial !== undefined) return { verdict: 'deny', reason: matchedReason(denial), evidence };
      const reason = [...matched.map(matchedReason), ...failed.map(failedReason)].join(' ');
      return { verdict: 'escalate', reason, evidence };
    },
  };
}
