import { parseInput } from '@guardloop/core';
import { toInputIssues } from '@guardloop/core/internal';
import { InvalidPolicyError } from '../errors/invalid-policy-error';
import { UnknownRbacActionError } from '../errors/unknown-rbac-action-error';
import { checkRoleInheritance } from './check-role-inheritance';
import { compileRoles } from './compile-roles';
import {
  createRbacCheck,
  type PositionalRbacCheck,
  type RbacCheck,
  type RbacRequest,
  rbacRequestSchema,
} from './create-rbac-check';
import { type RbacPolicyDefinition, rbacPolicySchema } from './rbac-policy-schema';

/** An RBAC policy validated and compiled into lookup tables. Build it with `createRbacPolicy`. */
export interface RbacPolicy {
  readonly definition: RbacPolicyDefinition;
  readonly actions: readonly string[];
  readonly roles: readonly string[];
  /** @throws InvalidInputError when the request is malformed */
  check(request: RbacRequest): RbacCheck;
}

// Holds the check without input validation, for rbacRail, which validates the context itself.
const unvalidated = Symbol.for('guardloop.rbacPolicy');

/** True for a policy made by `createRbacPolicy` (not raw policy data). */
export function isRbacPolicy(value: unknown): value is RbacPolicy {
  return typeof value === 'object' && value !== null && unvalidated in value;
}

/** The policy's check without input validation: only for callers that checked the shape. */
export function uncheckedRbacCheck(policy: RbacPolicy): PositionalRbacCheck {
  return (policy as RbacPolicy & { [unvalidated]: PositionalRbacCheck })[unvalidated];
}

/**
 * Validates RBAC policy data and compiles it: inheritance is flattened and every (role, action)
 * pair gets its own resource index, so a check is a few Map lookups.
 * @throws InvalidPolicyError, UnknownRbacActionError, UnknownRoleError, RoleCycleError
 */
export function createRbacPolicy(data: unknown): RbacPolicy {
  const parsed = rbacPolicySchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidPolicyError({
      issues: toInputIssues(parsed.error.issues),
      cause: parsed.error,
    });
  }
  const definition = parsed.data;
  const declared = new Set(definition.actions);
  for (const [role, { allow, deny }] of Object.entries(definition.roles)) {
    for (const [effect, permissions] of [
      ['allow', allow],
      ['deny', deny],
    ] as const) {
      for (const { action } of permissions) {
        if (action !== '*' && !declared.has(action)) {
          throw new UnknownRbacActionError({
            action,
            role,
            effect,
            declaredActions: definition.actions,
          });
        }
      }
    }
  }
  const roles = compileRoles(definition, checkRoleInheritance(definition.roles));
  const check = createRbacCheck(roles, declared);

  return {
    [unvalidated]: check,
    definition,
    actions: definition.actions,
    roles: Object.keys(definition.roles),
    check: (request: RbacRequest) => {
      const { actor, action, resource } = parseInput(rbacRequestSchema, request, 'RBAC request');
      return check(actor, action, resource);
    },
  } as RbacPolicy;
}
