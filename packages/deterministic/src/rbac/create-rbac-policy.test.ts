import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRbacPolicy, isRbacPolicy } from './create-rbac-policy';
import type { RbacPolicyInput } from './rbac-policy-schema';

const policy: RbacPolicyInput = {
  actions: ['read_ticket', 'reply', 'refund'],
  roles: {
    viewer: { allow: [{ action: 'read_ticket' }] },
    agent: { inherits: ['viewer'], allow: [{ action: 'reply' }] },
  },
};

function loadError(data: unknown): GuardloopError {
  try {
    createRbacPolicy(data);
  } catch (error) {
    if (GuardloopError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected createRbacPolicy to throw');
}

describe('createRbacPolicy', () => {
  it('compiles valid policy data', () => {
    const compiled = createRbacPolicy(policy);
    expect(isRbacPolicy(compiled)).toBe(true);
    expect(isRbacPolicy(policy)).toBe(false);
    expect(compiled.actions).toEqual(['read_ticket', 'reply', 'refund']);
    expect(compiled.roles).toEqual(['viewer', 'agent']);
  });

  it.each([
    ['not an object', 'admin'],
    ['no actions', { actions: [], roles: {} }],
    ['a misspelt key', { actions: ['reply'], roles: { agent: { inherit: ['viewer'] } } }],
    [
      'a star inside a resource pattern',
      { actions: ['reply'], roles: { a: { allow: [{ action: 'reply', resource: 'acc*ount' }] } } },
    ],
    ['an action declared twice', { actions: ['reply', 'reply'], roles: {} }],
    ['an action named *', { actions: ['*'], roles: {} }],
    ['an unknown actor type', { actions: ['reply'], roles: { bot: { actorTypes: ['robot'] } } }],
  ])('rejects malformed data (%s) with invalid_policy and its issues', (_, data) => {
    const error = loadError(data);
    expect(error.code).toBe('invalid_policy');
    expect(error.name).toBe('InvalidPolicyError');
    expect((error as GuardloopError & { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });

  it('names the offending path of a malformed policy', () => {
    const error = loadError({
      actions: ['reply'],
      roles: { a: { allow: [{ action: 'reply', resource: 'a*b' }] } },
    });
    expect(error.message).toMatch(
      /roles\.a\.allow\.0\.resource: only a trailing '\*' is supported/,
    );
  });

  it('rejects a permission on an undeclared action with unknown_rbac_action', () => {
    const error = loadError({ ...policy, roles: { agent: { allow: [{ action: 'refnud' }] } } });
    expect(error.code).toBe('unknown_rbac_action');
    expect(error.message).toBe(
      "Role 'agent' has a 'allow' permission on action 'refnud', which is not in the policy's actions " +
        "(read_ticket, reply, refund). Declare it in 'actions' or fix the name.",
    );
    expect(loadError({ ...policy, roles: { agent: { deny: [{ action: 'wire' }] } } }).code).toBe(
      'unknown_rbac_action',
    );
  });

  it('rejects inheritance from an undefined role with unknown_role', () => {
    const error = loadError({ ...policy, roles: { agent: { inherits: ['viewr'] } } });
    expect(error.code).toBe('unknown_role');
    expect(error.message).toMatch(
      /^Role 'agent' inherits from 'viewr', which the RBAC policy does not define/,
    );
  });

  it('rejects inheritance cycles with role_cycle, naming the loop', () => {
    const error = loadError({
      actions: ['reply'],
      roles: { a: { inherits: ['b'] }, b: { inherits: ['c'] }, c: { inherits: ['a'] } },
    });
    expect(error.code).toBe('role_cycle');
    expect((error as GuardloopError & { cycle: string[] }).cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(error.message).toMatch(/a -> b -> c -> a/);
    expect(loadError({ actions: ['reply'], roles: { a: { inherits: ['a'] } } }).code).toBe(
      'role_cycle',
    );
  });

  it('accepts diamond-shaped inheritance', () => {
    const diamond = createRbacPolicy({
      actions: ['read_ticket', 'reply'],
      roles: {
        base: { allow: [{ action: 'read_ticket' }] },
        left: { inherits: ['base'] },
        right: { inherits: ['base'], allow: [{ action: 'reply' }] },
        both: { inherits: ['left', 'right'] },
      },
    });
    const actor = { id: 'u1', type: 'human' as const, roles: ['both'] };
    expect(diamond.check({ actor, action: 'read_ticket' }).allowed).toBe(true);
    expect(diamond.check({ actor, action: 'reply' }).allowed).toBe(true);
  });

  it('checks requests directly, with a stable outcome', () => {
    const compiled = createRbacPolicy(policy);
    const agent = { id: 'u1', type: 'human' as const, roles: ['agent'] };
    expect(compiled.check({ actor: agent, action: 'read_ticket' })).toMatchObject({
      allowed: true,
      outcome: 'granted',
      role: 'agent',
      grant: { action: 'read_ticket', resource: '*', role: 'viewer', effect: 'allow' },
    });
    expect(compiled.check({ actor: agent, action: 'refund', resource: 'invoice:1' }).outcome).toBe(
      'no_grant',
    );
  });

  it('rejects a malformed check request with invalid_input', () => {
    const compiled = createRbacPolicy(policy);
    const malformed = [
      { actor: { id: 'u1', type: 'robot', roles: [] }, action: 'reply' },
      { actor: { id: 'u1', type: 'human', roles: ['agent'] }, action: '' },
      { action: 'reply' },
    ];
    for (const request of malformed) {
      expect(() => compiled.check(request as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
