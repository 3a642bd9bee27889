import { type Actor, actorSchema } from '@guardloop/core';
import { z } from 'zod';
import type { CompiledRole } from './compile-roles';
import { explain } from './rbac-explanations';
import type { Grant } from './resource-matcher';

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
  | 'unknown_action';

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
} = explain;

/**
 * The check of a compiled policy: validates the actor's roles, then looks for an explicit deny
 * in any of them (a deny wins), then for a grant; nothing found is a deny by default.
 */
export function createRbacCheck(
  roles: ReadonlyMap<string, CompiledRole>,
  declared: ReadonlySet<string>,
): (request: RbacRequest) => RbacCheck {
  return ({ actor, action, resource }) => {
    const request = describeRequest(action, resource);
    if (actor.roles.length === 0) {
      return { allowed: false, outcome: 'no_roles', reason: noRoles(actor.id, request) };
    }
    for (const role of actor.roles) {
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
    // Denies first, across every role: an explicit deny wins over any grant.
    for (const role of actor.roles) {
      const grant = roles.get(role)?.deny.get(action)?.find(resource);
      if (grant !== undefined) {
        const reason = explicitlyDenied(role, request, grant);
        return { allowed: false, outcome: 'explicit_deny', role, grant, reason };
      }
    }
    for (const role of actor.roles) {
      const grant = roles.get(role)?.allow.get(action)?.find(resource);
      if (grant !== undefined) {
        const reason = granted(role, request, grant);
        return { allowed: true, outcome: 'granted', role, grant, reason };
      }
    }
    return { allowed: false, outcome: 'no_grant', reason: noGrant(actor.roles, request) };
  };
}
