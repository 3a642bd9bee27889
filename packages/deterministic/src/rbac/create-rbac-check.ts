import { type Actor, actorSchema } from '@guardloop/core';
import { z } from 'zod';
import { type CompiledRole, lineageOf, matchersAlong } from './compile-roles';
import { describeGrant, explain } from './rbac-explanations';
import { comparableResourceId } from './resource-id';
import { exactRank, type Grant, type RankedGrant, type ResourceMatcher } from './resource-matcher';

export interface RbacRequest {
  actor: Pick<Actor, 'id' | 'type' | 'roles'>;
  action: string;
  resource?: string | undefined;
}

export const rbacRequestSchema = z.object({
  actor: actorSchema.pick({ id: true, type: true, roles: true }),
  action: z.string().min(1),
  resource: z.string().min(1).optional(),
});

/** Why a check came out the way it did; stable, for code that reacts to denials. */
export type RbacOutcome =
  | 'granted'
  | 'explicit_deny'
  | 'no_grant'
  | 'no_roles'
  | 'unknown_role'
  | 'role_not_for_actor'
  | 'unknown_action'
  /** The resource is not a safe resource id (see `normalizeResourceId`). */
  | 'invalid_resource';

export interface RbacCheck {
  allowed: boolean;
  outcome: RbacOutcome;
  /** Words a human reviewer can act on, naming the permission or rule that decided. */
  reason: string;
  /** The actor's role through which the deciding permission applies. */
  role?: string;
  /** The deciding permission, for `granted` and `explicit_deny`. */
  grant?: Grant;
}

// Bound once at load: checks are hot, and each would otherwise look the names up again.
const {
  request: describeRequest,
  granted,
  explicitlyDenied,
  noGrant,
  noRoles,
  unknownRole,
  roleNotForActor,
  unknownAction,
  invalidResource,
} = explain;

/** The matchers to scan for one role, effect and action, nearest role first. */
function matchersFor(
  role: CompiledRole,
  along: Map<string, ResourceMatcher[]> | undefined,
  effect: 'allow' | 'deny',
  action: string,
): readonly ResourceMatcher[] | undefined {
  if (along !== undefined) return along.get(action);
  // A role deep in a long chain: walked now rather than indexed at load (linear compile).
  return matchersAlong(lineageOf(role) ?? [role], effect).get(action);
}

/** The most specific match among `matchers`; the nearest role wins among equals. */
/** A check of a compiled policy, taking the request's fields as arguments. */
export type PositionalRbacCheck = (
  actor: RbacRequest['actor'],
  action: string,
  resource: string | undefined,
) => RbacCheck;

/** `describeGrant(found.grant, role)`, remembered on the grant for the role last asked about. */
function describedGrant(found: RankedGrant, role: string): string {
  const last = found.described;
  if (last !== undefined && last.role === role) return last.text;
  const text = describeGrant(found.grant, role);
  found.described = { role, text };
  return text;
}

// Held locally: read for every matcher scanned.
const exact = exactRank;

function findBest(
  matchers: readonly ResourceMatcher[] | undefined,
  resource: string | undefined,
): RankedGrant | undefined {
  if (matchers === undefined) return undefined;
  let best: RankedGrant | undefined;
  for (let index = 0; index < matchers.length; index++) {
    const found = (matchers[index] as ResourceMatcher).find(resource);
    if (found !== undefined && (best === undefined || found.rank > best.rank)) {
      best = found;
      if (found.rank === exact) break;
    }
  }
  return best;
}

/**
 * The check of a compiled policy: validates the actor's roles, then looks for an explicit deny
 * in any of them (a deny wins), then for a grant; nothing found is a deny by default.
 */
export function createRbacCheck(
  roles: ReadonlyMap<string, CompiledRole>,
  declared: ReadonlySet<string>,
): PositionalRbacCheck {
  // Positional arguments: the rail calls this for every decision, without a request object.
  return (actor, action, resource) => {
    const request = describeRequest(action, resource);
    if (actor.roles.length === 0) {
      return { allowed: false, outcome: 'no_roles', reason: noRoles(actor.id, request) };
    }
    const held = actor.roles;
    // Indexed loops: no iterator object per loop on a path that runs for every decision.
    for (let index = 0; index < held.length; index++) {
      const role = held[index] as string;
      const compiled = roles.get(role);
      if (compiled === undefined) {
        return {
          allowed: false,
          outcome: 'unknown_role',
          role,
          reason: unknownRole(actor.id, role),
        };
      }
      if (compiled.actorTypes !== undefined && !compiled.actorTypes.includes(actor.type)) {
        const reason = roleNotForActor(actor.id, actor.type, role, compiled.actorTypes);
        return { allowed: false, outcome: 'role_not_for_actor', role, reason };
      }
    }
    if (!declared.has(action)) {
      return { allowed: false, outcome: 'unknown_action', reason: unknownAction(action) };
    }
    let normalized: string | undefined;
    if (resource !== undefined) {
      const result = comparableResourceId(resource);
      if (typeof result !== 'string') {
        const reason = invalidResource(action, resource, result.problem);
        return { allowed: false, outcome: 'invalid_resource', reason };
      }
      normalized = result;
    }
    // Denies first, across every role: an explicit deny wins over any grant.
    for (let index = 0; index < held.length; index++) {
      const role = held[index] as string;
      const compiled = roles.get(role) as CompiledRole;
      const matchers = matchersFor(compiled, compiled.denyAlong, 'deny', action);
      const found = findBest(matchers, normalized);
      if (found !== undefined) {
        const { grant } = found;
        const reason = explicitlyDenied(role, request, describedGrant(found, role));
        return { allowed: false, outcome: 'explicit_deny', role, grant, reason };
      }
    }
    for (let index = 0; index < held.length; index++) {
      const role = held[index] as string;
      const compiled = roles.get(role) as CompiledRole;
      const matchers = matchersFor(compiled, compiled.allowAlong, 'allow', action);
      const found = findBest(matchers, normalized);
      if (found !== undefined) {
        const { grant } = found;
        const reason = granted(role, request, describedGrant(found, role));
        return { allowed: true, outcome: 'granted', role, grant, reason };
      }
    }
    return { allowed: false, outcome: 'no_grant', reason: noGrant(actor.roles, request) };
  };
}
