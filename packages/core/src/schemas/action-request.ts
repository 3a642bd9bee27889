import { z } from 'zod';

/** A proposed action: a key to one specific door, with its blast radius declared up front. */
export const actionRequestSchema = z.object({
  /** Registered action name, e.g. `reset_password`. */
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()).default({}),
  /** The resource the action touches, for RBAC and policy rules, e.g. `account:42`. */
  resource: z.string().min(1).optional(),
  /**
   * A hint: whether the action can be undone. Irreversible actions always need a human approval.
   * The action's definition (an `ActionCatalog` such as an undo log) decides when the loop has
   * one; without it an undeclared action counts as irreversible (fail closed).
   */
  reversible: z.boolean().optional(),
  idempotencyKey: z.string().min(1).optional(),
  dryRun: z.boolean().default(false),
  /** Estimated cost, for economic rails. */
  cost: z
    .object({
      tokens: z.number().nonnegative().default(0),
      usd: z.number().nonnegative().default(0),
    })
    .optional(),
});

export type ActionRequest = z.output<typeof actionRequestSchema>;
export type ActionRequestInput = z.input<typeof actionRequestSchema>;
