import type { Actor } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRbacPolicy } from './create-rbac-policy';
import type { RbacPolicyInput } from './rbac-policy-schema';

/** `role-0 <- role-1 <- ... <- role-(n-1)`: each role inherits the previous one. */
function chain(size: number): RbacPolicyInput {
  const roles: RbacPolicyInput['roles'] = {};
  for (let index = 0; index < size; index++) {
    roles[`role-${index}`] = {
      ...(index > 0 ? { inherits: [`role-${index - 1}`] } : {}),
      allow: [{ action: 'read', resource: `doc:${index}` }],
      ...(index === 0 ? { deny: [{ action: 'read', resource: 'doc:secret-*' }] } : {}),
    };
  }
  return { actions: ['read'], roles };
}

const actor = (roles: string[]): Actor => ({ id: 'ada', type: 'human', roles });

describe('role inheritance at scale', () => {
  // Before: ~cubic; 20 000 roles did not compile in 10 minutes. The timeout is a hang guard.
  it('compiles a 20 000-role chain and checks through all of it', { timeout: 60_000 }, () => {
    const size = 20_000;
    const policy = createRbacPolicy(chain(size));
    const leaf = actor([`role-${size - 1}`]);
    expect(policy.check({ actor: leaf, action: 'read', resource: 'doc:0' })).toMatchObject({
      allowed: true,
      grant: { role: 'role-0' },
    });
    expect(policy.check({ actor: leaf, action: 'read', resource: 'doc:secret-1' })).toMatchObject({
      outcome: 'explicit_deny',
      grant: { role: 'role-0' },
    });
    expect(
      policy.check({ actor: actor(['role-10']), action: 'read', resource: 'doc:11' }).outcome,
    ).toBe('no_grant');
  });

  it('finds a cycle at the end of a 20 000-role chain without overflowing the stack', () => {
    const policy = chain(20_000);
    (policy.roles['role-0'] as { inherits?: string[] }).inherits = ['role-19999'];
    expect(() => createRbacPolicy(policy)).toThrow(expect.objectContaining({ code: 'role_cycle' }));
  });
});

// The semantics before the rewrite, kept as an oracle: flatten every role's lineage (itself,
// then its parents' lineages in order, without repeats) and pick the most specific pattern —
// exact, then longest prefix, then '*' — the first one in lineage order among equals.
function oracle(definition: RbacPolicyInput, roles: string[], action: string, resource?: string) {
  const memo = new Map<string, string[]>();
  const lineage = (name: string): string[] => {
    const known = memo.get(name);
    if (known) return known;
    const result = [name];
    for (const parent of definition.roles[name]?.inherits ?? []) {
      for (const ancestor of lineage(parent)) if (!result.includes(ancestor)) result.push(ancestor);
    }
    memo.set(name, result);
    return result;
  };
  const find = (role: string, effect: 'allow' | 'deny') => {
    const candidates: Array<{ rank: number; role: string; resource: string }> = [];
    for (const holder of lineage(role)) {
      for (const permission of definition.roles[holder]?.[effect] ?? []) {
        if (permission.action !== '*' && permission.action !== action) continue;
        const pattern = permission.resource ?? '*';
        let rank: number | undefined;
        if (pattern === '*') rank = -1;
        else if (resource === undefined) rank = undefined;
        else if (pattern.endsWith('*'))
          rank = resource.startsWith(pattern.slice(0, -1)) ? pattern.length - 1 : undefined;
        else rank = pattern === resource ? Number.POSITIVE_INFINITY : undefined;
        if (rank !== undefined) candidates.push({ rank, role: holder, resource: pattern });
      }
    }
    let best: (typeof candidates)[number] | undefined;
    for (const candidate of candidates) if (!best || candidate.rank > best.rank) best = candidate;
    return best;
  };
  for (const effect of ['deny', 'allow'] as const) {
    for (const role of roles) {
      const best = find(role, effect);
      if (best) return { effect, role, grant: { role: best.role, resource: best.resource } };
    }
  }
  return undefined;
}

describe('role inheritance semantics', () => {
  it('matches the flattening oracle on random policies (grants, denies and explanations)', {
    timeout: 60_000,
  }, () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const patterns = ['*', 'doc:*', 'doc:1', 'doc:1*', 'doc:12', 'doc:2*', 'doc:', 'doc:12*'];
    const resources = [undefined, 'doc:1', 'doc:12', 'doc:123', 'doc:2', 'doc:', 'other'];
    for (let round = 0; round < 260; round++) {
      // Mostly small policies; every fifth a long chain, whose deep roles are walked at check
      // time instead of indexed at load (lineages over 64 roles).
      const size = round % 5 === 4 ? 66 + random(30) : 2 + random(8);
      const roles: RbacPolicyInput['roles'] = {};
      for (let index = 0; index < size; index++) {
        const permissions = (count: number) =>
          Array.from({ length: count }, () => ({
            action: random(4) === 0 ? '*' : 'read',
            resource: patterns[random(patterns.length)] as string,
          }));
        // Parents have lower indexes: a DAG with diamonds, never a loop.
        const picked = Array.from({ length: random(3) }, () => random(size));
        if (size > 64 && index > 0) picked.unshift(index - 1);
        const inherits = [...new Set(picked)]
          .filter((parent) => parent < index)
          .map((parent) => `r${parent}`);
        roles[`r${index}`] = {
          inherits,
          allow: permissions(random(3)),
          deny: permissions(random(2)),
        };
      }
      const definition: RbacPolicyInput = { actions: ['read', 'write'], roles };
      const policy = createRbacPolicy(definition);
      for (const resource of resources) {
        const deep = size > 64 ? size - 1 - random(10) : random(size);
        const held = [`r${deep}`, ...(random(2) ? [`r${random(size)}`] : [])];
        const result = policy.check({ actor: actor(held), action: 'read', resource });
        const expected = oracle(definition, held, 'read', resource);
        expect({ definition, held, resource, result: summary(result) }).toEqual({
          definition,
          held,
          resource,
          result: expected
            ? { allowed: expected.effect === 'allow', role: expected.role, grant: expected.grant }
            : { allowed: false },
        });
      }
    }
  });
});

function summary(result: ReturnType<ReturnType<typeof createRbacPolicy>['check']>) {
  return result.grant
    ? {
        allowed: result.allowed,
        role: result.role,
        grant: { role: result.grant.role, resource: result.grant.resource },
      }
    : { allowed: result.allowed };
}
