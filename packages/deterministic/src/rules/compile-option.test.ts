import { createManualClock, InvalidInputError, type RailContext } from '@guardloop/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { helpdeskRules, refundContext } from '../test-fixtures/helpdesk';
import { createRuleSet } from './create-rule-set';
import { rulesRail } from './rules-rail';

const RealFunction = globalThis.Function;

/** Counts every `Function(...)` and `new Function(...)` while the test runs. */
function countFunctionCalls() {
  const calls: unknown[][] = [];
  const counting: FunctionConstructor = new Proxy(RealFunction, {
    apply(target, self, args) {
      calls.push(args);
      return Reflect.apply(target, self, args);
    },
    construct(target, args, newTarget): object {
      calls.push(args);
      return Reflect.construct(target, args, newTarget === counting ? target : newTarget);
    },
  });
  vi.stubGlobal('Function', counting);
  return calls;
}

const call = { abortSignal: new AbortController().signal };

const variant = (change: (context: RailContext) => void): RailContext => {
  const context = structuredClone(refundContext);
  change(context);
  return context;
};

// The fixture's refund, then one change per rule (and a few that hit none or several).
const contexts: RailContext[] = [
  refundContext,
  variant((context) => {
    if (context.action) context.action.input = { amount: 900, currency: 'EUR', reason: 'x' };
  }),
  variant((context) => {
    context.intent = { label: 'refund_request', confidence: 0.4, abstained: false };
  }),
  variant((context) => {
    delete context.intent;
  }),
  variant((context) => {
    context.attributes = { customer: { id: 'c', plan: 'enterprise' } };
  }),
  variant((context) => {
    if (context.action) context.action.reversible = false;
  }),
  variant((context) => {
    context.attributes = { ticket: { tags: ['legal-hold'] }, customer: { plan: 'enterprise' } };
    context.actor = { id: 'agent', type: 'human', roles: ['support-agent'] };
  }),
  variant((context) => {
    delete context.action;
  }),
];

describe('compile: false', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives the verdicts of the generated code over the fixture rules', () => {
    const clock = createManualClock(1_700_000_000_000);
    const generated = rulesRail(helpdeskRules, { clock });
    const closures = rulesRail(helpdeskRules, { clock, compile: false });
    const verdicts = contexts.map((context) => generated.evaluate(context, call));
    expect(contexts.map((context) => closures.evaluate(context, call))).toEqual(verdicts);
    // Not vacuous: the contexts reach allow, escalate and deny.
    expect(new Set(verdicts.map((verdict) => (verdict as { verdict: string }).verdict))).toEqual(
      new Set(['allow', 'escalate', 'deny']),
    );
  });

  it('never calls Function, where the default does', () => {
    // Warm up: zod compiles its own parsers with Function on first use.
    createRuleSet(helpdeskRules, { compile: false });
    createRuleSet(helpdeskRules);
    const calls = countFunctionCalls();
    const ruleSet = createRuleSet(helpdeskRules, { compile: false });
    ruleSet.replace(helpdeskRules);
    const rail = rulesRail(helpdeskRules, { compile: false });
    for (const context of contexts) {
      ruleSet.evaluate(context);
      rail.evaluate(context, call);
    }
    expect(calls).toEqual([]);
    createRuleSet(helpdeskRules);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('is refused when not a boolean, or beside a RuleSet', () => {
    expect(() => createRuleSet(helpdeskRules, { compile: 'no' as never })).toThrow(
      InvalidInputError,
    );
    expect(() => rulesRail(createRuleSet(helpdeskRules), { compile: false })).toThrow(
      /brings its own compile setting/,
    );
  });
});
