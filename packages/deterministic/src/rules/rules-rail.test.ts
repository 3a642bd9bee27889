import {
  type ActionRequest,
  createManualClock,
  createSequentialIdGenerator,
  evaluateRails,
  type RailContext,
  type RailVerdict,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRuleSet } from './create-rule-set';
import type { PolicyRuleInput } from './policy-rule-schema';
import { rulesRail } from './rules-rail';

const rules: PolicyRuleInput[] = [
  {
    id: 'high-value-refund',
    version: 3,
    description: 'refunds over 500 EUR need a human.',
    verdict: 'escalate',
    when: {
      and: [
        { '==': [{ var: 'action.name' }, 'refund'] },
        { '>': [{ var: 'action.input.amount' }, 500] },
      ],
    },
  },
  {
    id: 'unsure-intent',
    version: 1,
    description: 'The intent classifier is not sure enough',
    verdict: 'escalate',
    when: { '<': [{ var: ['intent.confidence', 0] }, 0.6] },
  },
  {
    id: 'no-ai-refund-to-enterprise',
    version: 2,
    description: 'The AI may not refund enterprise customers; their account manager does.',
    verdict: 'deny',
    when: {
      and: [
        { '==': [{ var: 'actor.type' }, 'ai'] },
        { '==': [{ var: 'action.name' }, 'refund'] },
        { '==': [{ var: 'attributes.customer.plan' }, 'enterprise'] },
      ],
    },
  },
];

const refund = (amount: number): ActionRequest => ({
  name: 'refund',
  input: { amount, currency: 'EUR' },
  resource: 'invoice:42',
  reversible: true,
  dryRun: false,
});

const context = (parts: Partial<RailContext> = {}): RailContext => ({
  traceId: 'trace-1',
  actor: { id: 'helpdesk-bot', type: 'ai', roles: ['ai-agent'] },
  action: refund(120),
  intent: { label: 'refund', confidence: 0.9, abstained: false },
  attributes: { customer: { plan: 'pro' } },
  ...parts,
});

const judge = (rail: ReturnType<typeof rulesRail>, railContext: RailContext) =>
  rail.evaluate(railContext, { abortSignal: new AbortController().signal }) as RailVerdict;

describe('rulesRail', () => {
  const rail = rulesRail(rules);

  it('allows when no rule matches', () => {
    expect(judge(rail, context())).toEqual({
      verdict: 'allow',
      reason: 'No policy rule matched (3 checked).',
      evidence: { revision: 1, checked: 3 },
    });
  });

  it('escalates naming the rule id and version that fired', () => {
    const verdict = judge(rail, context({ action: refund(900) }));
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toBe(
      "Rule 'high-value-refund' v3 matched: refunds over 500 EUR need a human.",
    );
    expect(verdict.evidence).toEqual({
      rule: { id: 'high-value-refund', version: 3, verdict: 'escalate' },
      revision: 1,
      matched: [{ id: 'high-value-refund', version: 3, verdict: 'escalate' }],
    });
  });

  it('lists every escalation that fired', () => {
    const verdict = judge(
      rail,
      context({
        action: refund(900),
        intent: { label: 'refund', confidence: 0.4, abstained: false },
      }),
    );
    expect(verdict.reason).toBe(
      "Rule 'high-value-refund' v3 matched: refunds over 500 EUR need a human. " +
        "Rule 'unsure-intent' v1 matched: The intent classifier is not sure enough.",
    );
  });

  it('denies when a deny rule matches, even after escalations', () => {
    const verdict = judge(
      rail,
      context({ action: refund(900), attributes: { customer: { plan: 'enterprise' } } }),
    );
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toBe(
      "Rule 'no-ai-refund-to-enterprise' v2 matched: The AI may not refund enterprise customers; their account manager does.",
    );
    expect(verdict.evidence).toMatchObject({
      rule: { id: 'no-ai-refund-to-enterprise', version: 2, verdict: 'deny' },
    });
  });

  it('evaluates rules without an action against the rest of the context', () => {
    const { action: _, ...withoutAction } = context();
    expect(judge(rail, withoutAction).verdict).toBe('allow');
    const needsAction = rulesRail([
      {
        id: 'needs-action',
        version: 1,
        description: 'Nothing to do.',
        verdict: 'escalate',
        when: { missing: ['action.name'] },
      },
    ]);
    expect(judge(needsAction, withoutAction)).toMatchObject({
      verdict: 'escalate',
      reason: "Rule 'needs-action' v1 matched: Nothing to do.",
    });
  });

  it('documents its projection: actor, action, signal, intent, attributes, traceId and now', () => {
    const seen: unknown[] = [];
    const spy = rulesRail(
      [
        {
          id: 'spy',
          version: 1,
          description: 'Spy.',
          verdict: 'escalate',
          when: { record: [{ var: '' }] },
        },
      ],
      {
        clock: createManualClock(1_700_000_000_000),
        operations: { record: (data: unknown) => seen.push(data) === 0 },
      },
    );
    const railContext = context();
    judge(spy, railContext);
    expect(seen).toEqual([
      {
        traceId: 'trace-1',
        now: 1_700_000_000_000,
        actor: railContext.actor,
        action: railContext.action,
        signal: undefined,
        intent: railContext.intent,
        hypothesis: undefined,
        attributes: railContext.attributes,
      },
    ]);
  });

  it('accepts a custom projection', () => {
    const weekend = rulesRail(
      [
        {
          id: 'weekend',
          version: 1,
          description: 'No refunds at the weekend.',
          verdict: 'deny',
          when: { var: 'isWeekend' },
        },
      ],
      {
        project: (_, now) => ({ isWeekend: new Date(now).getUTCDay() % 6 === 0 }),
        clock: createManualClock(Date.UTC(2024, 5, 1)),
      },
    );
    expect(judge(weekend, context()).verdict).toBe('deny');
  });

  it('escalates when the projection throws what String() cannot print', () => {
    const broken = rulesRail(rules, {
      project: () => {
        throw Object.create(null);
      },
    });
    expect(judge(broken, context())).toEqual({
      verdict: 'escalate',
      reason: 'Could not build the data for the policy rules ([object Object]); escalating.',
    });
  });

  it('escalates, naming the rule, when a rule fails to evaluate', () => {
    const flaky = rulesRail(
      [
        {
          id: 'credit-check',
          version: 5,
          description: 'Bad credit.',
          verdict: 'deny',
          when: { badCredit: [] },
        },
      ],
      {
        operations: {
          badCredit: () => {
            throw new Error('credit bureau unavailable');
          },
        },
      },
    );
    const verdict = judge(flaky, context());
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toBe(
      "Rule 'credit-check' v5 could not be evaluated (credit bureau unavailable); escalating because rules fail closed.",
    );
  });

  it('escalates instead of throwing on a malformed context', () => {
    expect(judge(rail, null as unknown as RailContext).verdict).toBe('escalate');
  });

  it('throws typed load errors for bad rules when the rail is made', () => {
    expect(() => rulesRail([{ ...rules[0], when: { regex: [] } } as PolicyRuleInput])).toThrow(
      expect.objectContaining({ code: 'unknown_operator' }),
    );
  });

  it('rejects bad options and bad rule lists with typed errors', () => {
    const invalidOptions = [
      { name: '' },
      { clock: { tick: 1 } },
      // Core's clock schema, as every option takes it: a clock has now() and setTimer().
      { clock: { now: () => 0 } },
      { project: 'data' },
    ] as never[];
    for (const options of invalidOptions) {
      expect(() => rulesRail(rules, options)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(() => rulesRail(createRuleSet(rules), { operations: { odd: () => true } })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(/createRuleSet/),
      }),
    );
    expect(() => rulesRail('rules' as never)).toThrow(
      expect.objectContaining({ code: 'invalid_rule' }),
    );
  });

  describe('hot swap through a rule set', () => {
    it('applies replaced rules to the next evaluation, without a new rail', () => {
      const ruleSet = createRuleSet(rules);
      const swappable = rulesRail(ruleSet);
      expect(judge(swappable, context({ action: refund(300) })).verdict).toBe('allow');
      ruleSet.replace([
        {
          ...rules[0],
          version: 4,
          description: 'Refunds over 200 EUR need a human.',
          when: { '>': [{ var: 'action.input.amount' }, 200] },
        } as PolicyRuleInput,
      ]);
      const verdict = judge(swappable, context({ action: refund(300) }));
      expect(verdict.reason).toBe(
        "Rule 'high-value-refund' v4 matched: Refunds over 200 EUR need a human.",
      );
      expect(verdict.evidence).toMatchObject({ revision: 2 });
    });

    it('keeps deciding with the old rules after an invalid replacement', () => {
      const ruleSet = createRuleSet(rules);
      const swappable = rulesRail(ruleSet);
      expect(() =>
        ruleSet.replace([{ ...rules[0], when: { nope: [] } } as PolicyRuleInput]),
      ).toThrow(expect.objectContaining({ code: 'unknown_operator' }));
      expect(judge(swappable, context({ action: refund(900) })).reason).toMatch(
        /^Rule 'high-value-refund' v3/,
      );
    });
  });

  it('decides through evaluateRails', async () => {
    const decision = await evaluateRails(
      [rulesRail(rules, { name: 'policy' })],
      context({ action: refund(900) }),
      {
        clock: createManualClock(0),
        idGenerator: createSequentialIdGenerator(),
      },
    );
    expect(decision).toMatchObject({ verdict: 'escalate', decidedBy: 'policy' });
  });
});

describe('rulesRail allow verdicts', () => {
  it('shares one frozen allow verdict per revision and follows a replace', () => {
    const ruleSet = createRuleSet(rules);
    const rail = rulesRail(ruleSet);
    const first = judge(rail, context());
    expect(judge(rail, context())).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.evidence)).toBe(true);
    ruleSet.replace(rules.slice(0, 2));
    expect(judge(rail, context())).toEqual({
      verdict: 'allow',
      reason: 'No policy rule matched (2 checked).',
      evidence: { revision: 2, checked: 2 },
    });
    // A match in between does not disturb the shared allow verdict.
    expect(judge(rail, context({ action: refund(900) })).verdict).toBe('escalate');
    expect(judge(rail, context()).evidence).toEqual({ revision: 2, checked: 2 });
  });
});
