import {
  type ActionRequest,
  type Actor,
  createManualClock,
  createSequentialIdGenerator,
  evaluateRails,
  type RailContext,
  type RailVerdict,
} from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRbacPolicy } from './create-rbac-policy';
import type { RbacPolicyInput } from './rbac-policy-schema';
import { rbacRail } from './rbac-rail';

const helpdeskPolicy: RbacPolicyInput = {
  actions: ['read_ticket', 'reply', 'refund', 'reset_password', 'close_account'],
  roles: {
    viewer: { allow: [{ action: 'read_ticket' }] },
    'support-agent': {
      inherits: ['viewer'],
      allow: [
        { action: 'reply' },
        { action: 'refund', resource: 'invoice:*' },
        { action: 'reset_password', resource: 'account:*' },
      ],
      deny: [{ action: 'refund', resource: 'invoice:vip-*' }],
    },
    'team-lead': { inherits: ['support-agent'] },
    supervisor: { inherits: ['support-agent'], allow: [{ action: '*' }], actorTypes: ['human'] },
    'ai-agent': {
      description: 'The AI: keys to specific doors only.',
      actorTypes: ['ai'],
      inherits: ['viewer'],
      allow: [{ action: 'reply' }, { action: 'reset_password', resource: 'account:*' }],
    },
    suspended: { deny: [{ action: '*' }] },
    'refund-desk': { allow: [{ action: 'refund', resource: 'invoice:42' }] },
  },
};

const rail = rbacRail(helpdeskPolicy);
const human = (roles: string[]): Actor => ({ id: 'alice', type: 'human', roles });
const ai = (roles: string[] = ['ai-agent']): Actor => ({ id: 'helpdesk-bot', type: 'ai', roles });
const action = (name: string, resource?: string): ActionRequest => ({
  name,
  input: {},
  reversible: true,
  dryRun: false,
  ...(resource === undefined ? {} : { resource }),
});

function judge(actor: Actor, request?: ActionRequest): RailVerdict {
  const context: RailContext = {
    traceId: 'trace-1',
    actor,
    ...(request ? { action: request } : {}),
  };
  return rail.evaluate(context, { abortSignal: new AbortController().signal }) as RailVerdict;
}

describe('rbacRail', () => {
  it('allows what a role grants and names the permission', () => {
    const verdict = judge(human(['support-agent']), action('refund', 'invoice:42'));
    expect(verdict.verdict).toBe('allow');
    expect(verdict.reason).toBe(
      "Role 'support-agent' may 'refund' on 'invoice:42': granted by permission 'refund' on 'invoice:*' of role 'support-agent'.",
    );
    expect(verdict.evidence).toMatchObject({
      outcome: 'granted',
      role: 'support-agent',
      actor: 'alice',
    });
  });

  it('grants inherited permissions and says where they come from', () => {
    const verdict = judge(human(['support-agent']), action('read_ticket', 'ticket:9'));
    expect(verdict.verdict).toBe('allow');
    expect(verdict.reason).toBe(
      "Role 'support-agent' may 'read_ticket' on 'ticket:9': granted by permission 'read_ticket' on '*' inherited from role 'viewer'.",
    );
    // Two levels up: team-lead -> support-agent -> viewer.
    const twoLevels = judge(human(['team-lead']), action('read_ticket'));
    expect(twoLevels.verdict).toBe('allow');
    expect(twoLevels.reason).toMatch(/inherited from role 'viewer'\.$/);
  });

  it('denies by default, in words a reviewer can act on', () => {
    const verdict = judge(ai(), action('refund', 'invoice:42'));
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toBe(
      "Role 'ai-agent' may not 'refund' on 'invoice:42': no permission grants it (deny by default).",
    );
    expect(verdict.evidence).toMatchObject({ outcome: 'no_grant' });
  });

  describe('explicit deny wins', () => {
    it('over a grant of the same role', () => {
      const verdict = judge(human(['support-agent']), action('refund', 'invoice:vip-7'));
      expect(verdict.verdict).toBe('deny');
      expect(verdict.reason).toBe(
        "Role 'support-agent' may not 'refund' on 'invoice:vip-7': explicitly denied by permission 'refund' on 'invoice:vip-*' of role 'support-agent'; an explicit deny wins over every grant.",
      );
    });

    it("over the role's own wildcard grant when the deny is inherited", () => {
      const verdict = judge(human(['supervisor']), action('refund', 'invoice:vip-7'));
      expect(verdict.verdict).toBe('deny');
      expect(verdict.reason).toMatch(/inherited from role 'support-agent'/);
    });

    it("over another of the actor's roles", () => {
      expect(judge(human(['support-agent']), action('reply')).verdict).toBe('allow');
      const verdict = judge(human(['support-agent', 'suspended']), action('reply'));
      expect(verdict.verdict).toBe('deny');
      expect(verdict.evidence).toMatchObject({ outcome: 'explicit_deny', role: 'suspended' });
    });
  });

  describe('wildcards and patterns', () => {
    it("'*' on actions grants every declared action", () => {
      expect(judge(human(['supervisor']), action('close_account', 'account:7')).verdict).toBe(
        'allow',
      );
    });

    it("'*' on actions does not grant an action the policy does not declare", () => {
      const verdict = judge(human(['supervisor']), action('wire_money'));
      expect(verdict.verdict).toBe('deny');
      expect(verdict.reason).toBe(
        "Action 'wire_money' is not declared in the RBAC policy, so no role may perform it (deny by default).",
      );
    });

    it('a prefix pattern matches resources under it and nothing else', () => {
      const agent = human(['support-agent']);
      expect(judge(agent, action('reset_password', 'account:7')).verdict).toBe('allow');
      expect(judge(agent, action('reset_password', 'account:7:email')).verdict).toBe('allow');
      expect(judge(agent, action('reset_password', 'accounting:1')).verdict).toBe('deny');
      expect(judge(agent, action('reset_password')).verdict).toBe('deny');
    });

    it("'*' on resources also covers actions without a resource", () => {
      const verdict = judge(human(['support-agent']), action('reply'));
      expect(verdict.verdict).toBe('allow');
      expect(verdict.reason).toMatch(/^Role 'support-agent' may 'reply' \(no resource given\)/);
    });

    it('an exact resource matches only itself', () => {
      expect(judge(human(['refund-desk']), action('refund', 'invoice:42')).verdict).toBe('allow');
      expect(judge(human(['refund-desk']), action('refund', 'invoice:420')).verdict).toBe('deny');
    });
  });

  describe('the AI as an actor', () => {
    it('gets only the doors its own role opens', () => {
      expect(judge(ai(), action('reset_password', 'account:7')).verdict).toBe('allow');
      expect(judge(ai(), action('reply')).verdict).toBe('allow');
      expect(judge(ai(), action('close_account', 'account:7')).verdict).toBe('deny');
    });

    it('cannot hold a role reserved for humans', () => {
      const verdict = judge(ai(['ai-agent', 'supervisor']), action('refund', 'invoice:1'));
      expect(verdict.verdict).toBe('deny');
      expect(verdict.reason).toBe(
        "Actor 'helpdesk-bot' is of type 'ai' but role 'supervisor' is reserved for human actors: denied.",
      );
    });

    it('and a human cannot hold the AI role', () => {
      expect(judge(human(['ai-agent']), action('reply')).evidence).toMatchObject({
        outcome: 'role_not_for_actor',
      });
    });
  });

  it('denies an actor holding a role the policy does not define', () => {
    const verdict = judge(human(['support-agent', 'ghost']), action('reply'));
    expect(verdict.verdict).toBe('deny');
    expect(verdict.reason).toMatch(
      /^Actor 'alice' holds role 'ghost', which the RBAC policy does not define: denied\./,
    );
  });

  it('denies an actor without roles', () => {
    const verdict = judge(human([]), action('reply'));
    expect(verdict).toMatchObject({ verdict: 'deny', evidence: { outcome: 'no_roles' } });
  });

  it('escalates when the context has no action', () => {
    const verdict = judge(human(['supervisor']));
    expect(verdict.verdict).toBe('escalate');
    expect(verdict.reason).toBe(
      'No action to authorise: the RBAC rail needs an action request in the context.',
    );
  });

  it('denies instead of throwing on a malformed context', () => {
    const broken = [
      { traceId: 't', action: action('reply') },
      { traceId: 't', actor: { id: 'x', type: 'human' }, action: action('reply') },
      { traceId: 't', actor: human(['viewer']), action: { name: 42 } },
      { traceId: 't', actor: human(['viewer']), action: { name: 'reply', resource: 7 } },
    ];
    for (const context of broken) {
      const verdict = rail.evaluate(context as unknown as RailContext, {
        abortSignal: new AbortController().signal,
      });
      expect((verdict as RailVerdict).verdict).toBe('deny');
    }
    expect(
      (
        rail.evaluate(null as unknown as RailContext, {
          abortSignal: new AbortController().signal,
        }) as RailVerdict
      ).verdict,
    ).toBe('escalate');
  });

  it('takes a compiled policy as well as data, and validates data when the rail is made', () => {
    const compiled = rbacRail(createRbacPolicy(helpdeskPolicy), { name: 'access' });
    expect(compiled.name).toBe('access');
    expect(() => rbacRail({ actions: ['reply'], roles: { a: { inherits: ['b'] } } })).toThrow(
      expect.objectContaining({ code: 'unknown_role' }),
    );
  });

  it('rejects bad options with invalid_input', () => {
    expect(() => rbacRail(helpdeskPolicy, { name: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => rbacRail('not a policy' as never)).toThrow(
      expect.objectContaining({ code: 'invalid_policy' }),
    );
  });

  it('decides through evaluateRails', async () => {
    const decision = await evaluateRails(
      [rail],
      { traceId: 'trace-1', actor: ai(), action: action('refund', 'invoice:42') },
      { clock: createManualClock(0), idGenerator: createSequentialIdGenerator() },
    );
    expect(decision).toMatchObject({ verdict: 'deny', decidedBy: 'rbac' });
    expect(decision.reason).toBe(
      "rbac: Role 'ai-agent' may not 'refund' on 'invoice:42': no permission grants it (deny by default).",
    );
  });
});
