import {
  type ActionRequest,
  type Actor,
  type Clock,
  type RailContext,
  type RailVerdict,
  systemClock,
} from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRbacPolicy } from './rbac/create-rbac-policy';
import { rbacRail } from './rbac/rbac-rail';
import { createRuleSet } from './rules/create-rule-set';
import type { PolicyRuleInput } from './rules/policy-rule-schema';
import { rulesRail } from './rules/rules-rail';
import { schemaRail } from './schema/schema-rail';
import { helpdeskPolicy } from './test-fixtures/helpdesk';

// The rails' hot paths (positional RBAC checks, remembered words, verdicts built once, the
// clock read only when a rule may read `now`) must answer exactly what the plain paths answer.

const options = { abortSignal: new AbortController().signal };
const evaluate = (rail: { evaluate: (...args: never[]) => unknown }, context: RailContext) =>
  (rail.evaluate as (context: RailContext, opts: typeof options) => RailVerdict)(context, options);

describe('rbacRail hot path', () => {
  const policy = createRbacPolicy({
    ...helpdeskPolicy,
    roles: { ...helpdeskPolicy.roles, 'team-lead': { inherits: ['support-agent'] } },
  });
  const rail = rbacRail(policy);
  const random = createSeededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roleNames = [...policy.roles, 'ghost'];
  const actions = [...policy.actions, 'launch'];
  const resources = [undefined, 'invoice:42', 'invoice:VIP-7', 'account:9', 'doc:1', 'a/../b'];

  it('answers random requests with the words and evidence of the validated check', () => {
    for (let round = 0; round < 2_000; round++) {
      const roles = Array.from({ length: Math.floor(random() * 3) }, () => pick(roleNames));
      const actor: Actor = {
        id: `actor-${round % 5}`,
        type: pick(['human', 'ai'] as const),
        roles,
      };
      const name = pick(actions);
      const resource = pick(resources);
      const action: ActionRequest = {
        name,
        input: {},
        reversible: true,
        dryRun: false,
        ...(resource === undefined ? {} : { resource }),
      };
      const check = policy.check({ actor, action: name, resource });
      // The evidence as it was built before: keys added one by one, in this order.
      const evidence: Record<string, unknown> = {
        outcome: check.outcome,
        actor: actor.id,
        roles: actor.roles,
        action: name,
        resource,
      };
      if (check.role !== undefined) evidence.role = check.role;
      if (check.grant !== undefined) evidence.permission = check.grant;
      const verdict = evaluate(rail, { traceId: 't', actor, action });
      expect(verdict).toEqual({
        verdict: check.allowed ? 'allow' : 'deny',
        reason: check.reason,
        evidence,
      });
      expect(JSON.stringify(verdict.evidence)).toBe(JSON.stringify(evidence));
    }
  });

  it('names the role a remembered grant is held through, whichever role asked last', () => {
    const context = (role: string): RailContext => ({
      traceId: 't',
      actor: { id: 'alice', type: 'human', roles: [role] },
      action: { name: 'refund', input: {}, resource: 'invoice:1', reversible: true, dryRun: false },
    });
    for (let round = 0; round < 3; round++) {
      expect(evaluate(rail, context('support-agent')).reason).toBe(
        "Role 'support-agent' may 'refund' on 'invoice:1': granted by permission 'refund' on " +
          "'invoice:*' of role 'support-agent'.",
      );
      expect(evaluate(rail, context('team-lead')).reason).toBe(
        "Role 'team-lead' may 'refund' on 'invoice:1': granted by permission 'refund' on " +
          "'invoice:*' inherited from role 'support-agent'.",
      );
    }
  });
});

describe('schemaRail hot path', () => {
  it('names each action in its allow verdict and shares one frozen verdict per action', () => {
    const rail = schemaRail(z.object({ name: z.string() }));
    const context = (name: string): RailContext => ({
      traceId: 't',
      actor: { id: 'bot', type: 'ai', roles: [] },
      action: { name, input: {}, reversible: true, dryRun: false },
    });
    for (const name of ['refund', 'reply', 'refund', 'refund', 'reply']) {
      const verdict = evaluate(rail, context(name));
      expect(verdict).toEqual({
        verdict: 'allow',
        reason: `The action request '${name}' is valid.`,
      });
      expect(Object.isFrozen(verdict)).toBe(true);
    }
    expect(evaluate(rail, context('refund'))).toBe(evaluate(rail, context('refund')));
  });

  it('keeps the label and the signal id in its words', () => {
    const labelled = schemaRail(z.object({ name: z.string() }), { label: 'refund input' });
    const signalRail = schemaRail(z.object({ id: z.string() }), { target: 'signal' });
    const context = (id: string) =>
      ({
        traceId: 't',
        actor: { id: 'bot', type: 'ai', roles: [] },
        action: { name: id, input: {}, reversible: true, dryRun: false },
        signal: { id },
      }) as unknown as RailContext;
    for (const id of ['s1', 's2', 's1']) {
      expect(evaluate(labelled, context(id)).reason).toBe('The refund input is valid.');
      expect(evaluate(signalRail, context(id)).reason).toBe(`The signal '${id}' is valid.`);
    }
  });
});

describe('rulesRail hot path', () => {
  const countingClock = (): Clock & { reads: number } => {
    const clock = {
      reads: 0,
      now: () => {
        clock.reads += 1;
        return 1_000;
      },
      setTimer: systemClock.setTimer,
    };
    return clock;
  };
  const rule = (id: string, when: unknown): PolicyRuleInput => ({
    id,
    version: 1,
    description: 'test rule',
    verdict: 'deny',
    when: when as PolicyRuleInput['when'],
  });
  const context: RailContext = { traceId: 't', actor: { id: 'bot', type: 'ai', roles: [] } };

  it('reads the clock only when a rule may read now, also after the rules are replaced', () => {
    const clock = countingClock();
    const ruleSet = createRuleSet([rule('ai', { '==': [{ var: 'actor.type' }, 'human'] })]);
    const rail = rulesRail(ruleSet, { clock });
    expect(evaluate(rail, context).verdict).toBe('allow');
    expect(clock.reads).toBe(0);
    ruleSet.replace([rule('late', { '<': [{ var: 'now' }, 500] })]);
    expect(evaluate(rail, context).verdict).toBe('allow');
    expect(clock.reads).toBe(1);
    ruleSet.replace([rule('late', { '>': [{ var: 'now' }, 500] })]);
    expect(evaluate(rail, context).verdict).toBe('deny');
    expect(clock.reads).toBe(2);
  });

  it('reads the clock for rules that may read anything and for a custom projection', () => {
    const cases: Array<[PolicyRuleInput[], Parameters<typeof rulesRail>[1]]> = [
      [[rule('whole', { '==': [{ var: '' }, null] })], {}],
      [[rule('dynamic', { '==': [{ var: { cat: ['n', 'ow'] } }, 0] })], {}],
      [[rule('missing', { missing: ['now'] })], {}],
      [[rule('custom', { peek: [] })], { operations: { peek: () => false } }],
      [[rule('plain', { '==': [{ var: 'actor.type' }, 'human'] })], { project: () => ({}) }],
    ];
    for (const [rules, extra] of cases) {
      const clock = countingClock();
      evaluate(rulesRail(rules, { ...extra, clock }), context);
      expect(clock.reads, rules[0]?.id).toBe(1);
    }
  });
});
