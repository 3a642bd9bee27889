import { printableResourceId } from './resource-id';
import type { Grant } from './resource-matcher';

function describeRoles(roles: readonly string[]): string {
  const quoted = roles.map((role) => `'${role}'`).join(', ');
  return roles.length === 1 ? `Role ${quoted}` : `Roles ${quoted}`;
}

/** `permission 'refund' on 'invoice:*' inherited from role 'billing'` */
export function describeGrant(grant: Grant, heldThrough: string): string {
  const origin =
    grant.role === heldThrough ? `of role '${grant.role}'` : `inherited from role '${grant.role}'`;
  return `permission '${grant.action}' on '${grant.resource}' ${origin}`;
}

/** The words of every RBAC verdict, in one place. */
export const explain = {
  /** What an action request is about: `'refund' on 'invoice:42'`. */
  request: (action: string, resource: string | undefined) =>
    resource === undefined ? `'${action}' (no resource given)` : `'${action}' on '${resource}'`,
  /** `described`: `describeGrant(grant, role)`, which checks remember per grant. */
  granted: (role: string, request: string, described: string) =>
    `Role '${role}' may ${request}: granted by ${described}.`,
  explicitlyDenied: (role: string, request: string, described: string) =>
    `Role '${role}' may not ${request}: explicitly denied by ${described}; ` +
    'an explicit deny wins over every grant.',
  noGrant: (roles: readonly string[], request: string) =>
    `${describeRoles(roles)} may not ${request}: no permission grants it (deny by default).`,
  noRoles: (actorId: string, request: string) =>
    `Actor '${actorId}' may not ${request}: the actor has no roles (deny by default).`,
  unknownRole: (actorId: string, role: string) =>
    `Actor '${actorId}' holds role '${role}', which the RBAC policy does not define: denied. ` +
    'Add the role to the policy or remove it from the actor.',
  roleNotForActor: (actorId: string, actorType: string, role: string, allowed: readonly string[]) =>
    `Actor '${actorId}' is of type '${actorType}' but role '${role}' is reserved for ` +
    `${allowed.join(' or ')} actors: denied.`,
  invalidResource: (action: string, resource: string, problem: string) =>
    `No role may '${action}' on '${printableResourceId(resource)}': it is not a safe resource id ` +
    `(${problem}), so it could pose as another resource: denied.`,
  unknownAction: (action: string) =>
    `Action '${action}' is not declared in the RBAC policy, so no role may perform it (deny by default).`,
};
