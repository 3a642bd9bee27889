import { deny, escalate, parseInput, type Rail, type RailContext } from '@guardloop/core';
import { z } from 'zod';
import {
  createRbacPolicy,
  isRbacPolicy,
  type RbacPolicy,
  uncheckedRbacCheck,
} from './create-rbac-policy';
import type { RbacPolicyInput } from './rbac-policy-schema';

export interface RbacRailOptions {
  /** Rail name, unique among the rails of one decision. Default `rbac`. */
  name?: string;
}

const optionsSchema = z.object({ name: z.string().min(1).optional() });

/**
 * A deterministic rail that lets the context's actor (human or AI) perform the proposed action on
 * its resource only when one of the actor's roles grants it and none explicitly denies it.
 * Takes a compiled policy or policy data (validated here).
 * @throws InvalidPolicyError, UnknownRbacActionError, UnknownRoleError, RoleCycleError for bad data
 * @throws InvalidInputError for bad options
 */
export function rbacRail(
  policy: RbacPolicy | RbacPolicyInput,
  options: RbacRailOptions = {},
): Rail {
  const { name = 'rbac' } = parseInput(optionsSchema, options, 'rbacRail options');
  const check = uncheckedRbacCheck(isRbacPolicy(policy) ? policy : createRbacPolicy(policy));
  return {
    name,
    kind: 'deterministic',
    evaluate(context: RailContext) {
      const action = context?.action;
      if (action === undefined || action === null) {
        return escalate(
          'No action to authorise: the RBAC rail needs an action request in the context.',
        );
      }
      const actor = context.actor;
      if (
        typeof actor !== 'object' ||
        actor === null ||
        typeof actor.id !== 'string' ||
        !Array.isArray(actor.roles)
      ) {
        return deny('The context has no well-formed actor, so no role can authorise the action.');
      }
      if (
        typeof action.name !== 'string' ||
        (action.resource !== undefined && typeof action.resource !== 'string')
      ) {
        return deny(
          'The action request has no readable name or resource, so RBAC cannot authorise it.',
        );
      }
      const result = check(actor, action.name, action.resource);
      const { role, grant } = result;
      // One object literal per shape (same keys, same order as ever): no keys added one by one.
      const evidence =
        grant !== undefined
          ? {
              outcome: result.outcome,
              actor: actor.id,
              roles: actor.roles,
              action: action.name,
              resource: action.resource,
              role,
              permission: grant,
            }
          : role !== undefined
            ? {
                outcome: result.outcome,
                actor: actor.id,
                roles: actor.roles,
                action: action.name,
                resource: action.resource,
                role,
              }
            : {
                outcome: result.outcome,
                actor: actor.id,
                roles: actor.roles,
                action: action.name,
                resource: action.resource,
              };
      return { verdict: result.allowed ? 'allow' : 'deny', reason: result.reason, evidence };
    },
  };
}
