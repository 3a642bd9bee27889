import { actorSchema } from '@guardloop/core';
import { z } from 'zod';
import { normalizeResourceId } from './resource-id';

/**
 * `*` (any resource), an exact resource (`invoice:42`) or a prefix pattern (`account:*`).
 * Matched in normalised form (NFKC, case-folded, dashes unified): `invoice:VIP-*` and
 * `invoice:vip-*` are the same pattern. A pattern outside the safe id form is refused.
 */
export const resourcePatternSchema = z
  .string()
  .min(1)
  .refine(
    (pattern) => !pattern.slice(0, -1).includes('*'),
    "only a trailing '*' is supported, as in '*' or 'account:*'",
  )
  .superRefine((pattern, context) => {
    if (pattern === '*') return;
    const result = normalizeResourceId(pattern.endsWith('*') ? pattern.slice(0, -1) : pattern);
    if (!result.ok) {
      context.addIssue({
        code: 'custom',
        message: `not a safe resource pattern: ${result.problem}`,
      });
    }
  });

/** One permission: an action (declared in the policy, or `*` for all of them) on a resource pattern. */
export const permissionSchema = z.strictObject({
  action: z.string().min(1),
  resource: resourcePatternSchema.default('*'),
});

export type Permission = z.output<typeof permissionSchema>;

export const roleDefinitionSchema = z.strictObject({
  description: z.string().optional(),
  /** Roles whose permissions (grants and denies) this role also has. */
  inherits: z.array(z.string().min(1)).default([]),
  allow: z.array(permissionSchema).default([]),
  /** Explicit denies win over every grant, inherited or not. */
  deny: z.array(permissionSchema).default([]),
  /** Which kinds of actor may hold the role, e.g. `['ai']` for the AI's own narrow role. Default: any. */
  actorTypes: z.array(actorSchema.shape.type).min(1).optional(),
});

export type RoleDefinition = z.output<typeof roleDefinitionSchema>;

/** An RBAC policy as data: the actions it knows and its roles by name. Unknown keys are rejected. */
export const rbacPolicySchema = z.strictObject({
  actions: z
    .array(
      z
        .string()
        .min(1)
        .refine((action) => !action.includes('*'), "'*' is reserved for 'every action'"),
    )
    .min(1)
    .superRefine((actions, context) => {
      const seen = new Set<string>();
      actions.forEach((action, index) => {
        if (seen.has(action)) {
          context.addIssue({
            code: 'custom',
            path: [index],
            message: `action '${action}' is declared twice`,
          });
        }
        seen.add(action);
      });
    }),
  roles: z.record(z.string().min(1), roleDefinitionSchema),
});

export type RbacPolicyDefinition = z.output<typeof rbacPolicySchema>;
export type RbacPolicyInput = z.input<typeof rbacPolicySchema>;
