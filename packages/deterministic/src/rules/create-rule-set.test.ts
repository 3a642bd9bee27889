import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRuleSet, isRuleSet } from './create-rule-set';
import type { PolicyRuleInput } from './policy-rule-schema';

const highValueRefund: PolicyRuleInput = {
  id: 'high-value-refund',
  version: 3,
  description: 'Refunds over 500 EUR need a human.',
  verdict: 'escalate',
  when: {
    and: [
      { '==': [{ var: 'action.name' }, 'refund'] },
      { '>': [{ var: 'action.input.amount' }, 500] },
    ],
  },
};

const noAccountDeletionByAi: PolicyRuleInput = {
  id: 'no-ai-account-deletion',
  version: 1,
  description: 'The AI never closes accounts.',
  verdict: 'deny',
  when: {
    and: [
      { '==': [{ var: 'actor.type' }, 'ai'] },
      { '==': [{ var: 'action.name' }, 'close_account'] },
    ],
  },
};

const refundOf = (amount: number) => ({
  actor: { type: 'ai' },
  action: { name: 'refund', input: { amount } },
});

function loadError(load: () => unknown): GuardloopError {
  try {
    load();
  } catch (error) {
    if (GuardloopError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a load error');
}

describe('createRuleSet', () => {
  it('evaluates every rule and reports the matching ones in order', () => {
    const rules = createRuleSet([noAccountDeletionByAi, highValueRefund]);
    expect(isRuleSet(rules)).toBe(true);
    expect(rules.revision).toBe(1);
    expect(rules.evaluate(refundOf(100))).toEqual({
      revision: 1,
      checked: 2,
      matched: [],
      failed: [],
    });
    expect(rules.evaluate(refundOf(900)).matched.map((rule) => rule.id)).toEqual([
      'high-value-refund',
    ]);
  });

  it.each([
    ['a missing id', { ...highValueRefund, id: undefined }],
    ['a version that is not a positive integer', { ...highValueRefund, version: 0 }],
    ['an empty description', { ...highValueRefund, description: '' }],
    ['an allow verdict', { ...highValueRefund, verdict: 'allow' }],
    ['a condition that is not JSON', { ...highValueRefund, when: () => true }],
    ['a misspelt key', { ...highValueRefund, verdcit: 'deny' }],
  ])('rejects a rule with %s as invalid_rule', (_, rule) => {
    const error = loadError(() => createRuleSet([rule as PolicyRuleInput]));
    expect(error.code).toBe('invalid_rule');
    expect(error.message).toMatch(/^Invalid policy rule/);
  });

  it('names the rule whose condition is not a single-operator expression', () => {
    const error = loadError(() => createRuleSet([{ ...highValueRefund, when: { a: 1, b: 2 } }]));
    expect(error).toMatchObject({ code: 'invalid_rule', ruleId: 'high-value-refund' });
  });

  it('rejects duplicate rule ids as duplicate_rule_id', () => {
    const error = loadError(() =>
      createRuleSet([highValueRefund, noAccountDeletionByAi, { ...highValueRefund, version: 4 }]),
    );
    expect(error).toMatchObject({
      code: 'duplicate_rule_id',
      ruleId: 'high-value-refund',
      indexes: [0, 2],
    });
  });

  it('rejects unknown operators as unknown_operator, anywhere in the tree', () => {
    const rule = {
      ...highValueRefund,
      when: { or: [false, { some: [{ var: 'x' }, { regex: ['a'] }] }] },
    };
    const error = loadError(() => createRuleSet([rule]));
    expect(error).toMatchObject({
      code: 'unknown_operator',
      operator: 'regex',
      path: 'when.or.1.some.1',
    });
    expect(error.message).toMatch(
      /^Rule 'high-value-refund' uses the unknown json-logic operator 'regex'/,
    );
  });

  it('accepts operators registered through options, and only those', () => {
    const rule = { ...highValueRefund, when: { isVip: [{ var: 'customer' }] } };
    const rules = createRuleSet([rule], {
      operations: { isVip: (customer: { tier?: string }) => customer?.tier === 'vip' },
    });
    expect(rules.evaluate({ customer: { tier: 'vip' } }).matched).toHaveLength(1);
    expect(loadError(() => createRuleSet([rule])).code).toBe('unknown_operator');
  });

  it('rejects options that redefine a built-in operator or are not functions', () => {
    expect(loadError(() => createRuleSet([], { operations: { in: () => true } })).code).toBe(
      'invalid_input',
    );
    expect(loadError(() => createRuleSet([], { operations: { odd: 3 as never } })).code).toBe(
      'invalid_input',
    );
  });

  it('reports a rule that throws while evaluating instead of throwing', () => {
    const rules = createRuleSet([{ ...highValueRefund, when: { explode: [] } }], {
      operations: {
        explode: () => {
          throw new Error('lookup service down');
        },
      },
    });
    const result = rules.evaluate({});
    expect(result.matched).toEqual([]);
    expect(result.failed).toEqual([
      { rule: expect.objectContaining({ id: 'high-value-refund' }), error: 'lookup service down' },
    ]);
  });

  it('reports a rule that throws what String() cannot print', () => {
    const rules = createRuleSet([{ ...highValueRefund, when: { explode: [] } }], {
      operations: {
        explode: () => {
          throw Object.create(null);
        },
      },
    });
    expect(rules.evaluate({}).failed).toEqual([
      { rule: expect.objectContaining({ id: 'high-value-refund' }), error: '[object Object]' },
    ]);
  });

  describe('nesting depth', () => {
    const nested = (levels: number) => {
      let when: unknown = { '==': [{ var: 'action.name' }, 'refund'] };
      for (let index = 1; index < levels; index++) when = { '!': [{ '!': [when] }] };
      return { ...highValueRefund, when } as PolicyRuleInput;
    };

    it('rejects a 3 000-deep rule with invalid_rule instead of overflowing the stack', () => {
      // Before: an untyped RangeError (maximum call stack size exceeded).
      const error = loadError(() => createRuleSet([nested(1_500)]));
      expect(error).toMatchObject({ code: 'invalid_rule', ruleId: 'high-value-refund' });
      expect(error.message).toMatch(/nested deeper than 100 levels/);
      const rules = createRuleSet([highValueRefund]);
      expect(() => rules.replace([nested(1_500)])).toThrow(
        expect.objectContaining({ code: 'invalid_rule' }),
      );
      expect(rules.revision).toBe(1);
    });

    it('accepts rules up to the cap and evaluates them', () => {
      // nested(n) has 2n - 1 operator levels plus their argument arrays; 24 stays under 100.
      const rules = createRuleSet([nested(24)]);
      expect(rules.evaluate(refundOf(1)).matched).toHaveLength(1);
    });

    it('rejects a rule whose condition loops back on itself', () => {
      const when: Record<string, unknown[]> = { and: [] };
      when.and?.push(when);
      expect(loadError(() => createRuleSet([{ ...highValueRefund, when } as never])).code).toBe(
        'invalid_rule',
      );
    });

    it('rejects rules that throw when read with invalid_rule', () => {
      const rule = Object.defineProperty({ ...highValueRefund }, 'when', {
        enumerable: true,
        get() {
          throw new Error('no');
        },
      });
      expect(loadError(() => createRuleSet([rule])).code).toBe('invalid_rule');
    });
  });

  describe('hot swap', () => {
    it('puts valid replacement rules in force at once', () => {
      const rules = createRuleSet([highValueRefund]);
      rules.replace([
        { ...highValueRefund, version: 4, when: { '>': [{ var: 'action.input.amount' }, 200] } },
      ]);
      expect(rules.revision).toBe(2);
      expect(rules.rules[0]?.version).toBe(4);
      expect(rules.evaluate(refundOf(300)).matched.map((rule) => rule.version)).toEqual([4]);
    });

    it('throws on an invalid replacement and keeps the old rules in force', () => {
      const rules = createRuleSet([highValueRefund]);
      const before = rules.rules;
      for (const broken of [
        [{ ...highValueRefund, when: { regex: [] } }],
        [highValueRefund, highValueRefund],
        [{ ...highValueRefund, verdict: 'maybe' }],
      ]) {
        expect(() => rules.replace(broken as PolicyRuleInput[])).toThrow(GuardloopError);
      }
      expect(rules.revision).toBe(1);
      expect(rules.rules).toBe(before);
      expect(rules.evaluate(refundOf(900)).matched.map((rule) => rule.id)).toEqual([
        'high-value-refund',
      ]);
    });
  });
});
