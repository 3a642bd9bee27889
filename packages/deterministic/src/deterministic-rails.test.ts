import {
  createManualClock,
  createSequentialIdGenerator,
  evaluateRails,
  type RailContext,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { rbacRail } from './rbac/rbac-rail';
import { createRuleSet } from './rules/create-rule-set';
import { rulesRail } from './rules/rules-rail';
import { schemaRail } from './schema/schema-rail';
import {
  helpdeskPolicy,
  helpdeskRules,
  refundContext,
  refundRequestSchema,
} from './test-fixtures/helpdesk';

const rails = () => [
  schemaRail(refundRequestSchema),
  rbacRail(helpdeskPolicy),
  rulesRail(createRuleSet(helpdeskRules)),
];
const decide = (context: RailContext) =>
  evaluateRails(rails(), context, {
    clock: createManualClock(0),
    idGenerator: createSequentialIdGenerator(),
  });
const withAction = (action: Partial<NonNullable<RailContext['action']>>): RailContext => ({
  ...refundContext,
  action: { ...refundContext.action!, ...action },
});

describe('the three deterministic rails together', () => {
  it('allow a well-formed, permitted, unremarkable refund by the AI', async () => {
    const decision = await decide(refundContext);
    expect(decision.verdict).toBe('allow');
    expect(decision.rails.map((rail) => [rail.rail, rail.verdict])).toEqual([
      ['schema', 'allow'],
      ['rbac', 'allow'],
      ['rules', 'allow'],
    ]);
  });

  it('stop at the first deny: a malformed request never reaches RBAC or the rules', async () => {
    const decision = await decide(withAction({ input: { amount: 'lots' } }));
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'schema' });
    expect(decision.rails.map((rail) => rail.status)).toEqual(['completed', 'skipped', 'skipped']);
  });

  it('deny an AI refund on a VIP invoice through RBAC', async () => {
    const vip = rbacRail({
      ...helpdeskPolicy,
      roles: {
        ...helpdeskPolicy.roles,
        'ai-agent': {
          actorTypes: ['ai'],
          allow: [{ action: 'refund', resource: 'invoice:*' }],
          deny: [{ action: 'refund', resource: 'invoice:vip-*' }],
        },
      },
    });
    const decision = await evaluateRails([vip], withAction({ resource: 'invoice:vip-9' }), {
      clock: createManualClock(0),
    });
    expect(decision.reason).toMatch(/explicitly denied by permission 'refund' on 'invoice:vip-\*'/);
  });

  it('escalate a high-value refund, naming the rule', async () => {
    const decision = await decide(
      withAction({ input: { amount: 900, currency: 'EUR', reason: 'Annual plan refund.' } }),
    );
    expect(decision).toMatchObject({ verdict: 'escalate', decidedBy: 'rules' });
    expect(decision.reason).toBe(
      "rules: Rule 'high-value-refund' v3 matched: Refunds over 500 EUR need a human.",
    );
  });

  it('escalate, not crash, when the context has no action', async () => {
    const { action: _, ...noAction } = refundContext;
    const decision = await decide(noAction);
    expect(decision.verdict).toBe('escalate');
    expect(decision.reason).toMatch(/^schema: Nothing to validate/);
    expect(decision.reason).toMatch(/rbac: No action to authorise/);
  });
});
