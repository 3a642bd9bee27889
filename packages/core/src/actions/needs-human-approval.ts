import { z } from 'zod';
import { parseInput } from '../utils/parse-input';
import { type ActionCatalog, actionCatalogSchema } from './action-catalog';

/** The part of a proposed action (an `ActionRequest`) that decides whether a human must approve it. */
export interface ApprovalSubject {
  name: string;
  /** A hint, used only without a catalog. */
  reversible?: boolean | undefined;
}

export interface NeedsHumanApprovalOptions {
  /** The action definitions; when given they decide, whatever the proposed action claims. */
  actions?: ActionCatalog | undefined;
}

const subjectSchema = z.looseObject({
  name: z.string().min(1),
  reversible: z.boolean().optional(),
});

const optionsSchema = z.object({ actions: actionCatalogSchema.optional() }).optional();

const descriptionSchema = z.looseObject({ reversible: z.boolean() });

/**
 * Whether a proposed action needs a human approval before it runs: yes unless it is known to be
 * reversible. With a catalog the action's definition decides (an unknown action needs a human:
 * fail closed); without one the action's own `reversible` hint does, and undeclared means
 * irreversible.
 * @throws InvalidInputError for a malformed action or options, or a catalog whose description
 * of the action is malformed
 */
export function needsHumanApproval(
  action: ApprovalSubject,
  options: NeedsHumanApprovalOptions = {},
): boolean {
  const { name, reversible } = parseInput(subjectSchema, action, 'action');
  const catalog = parseInput(optionsSchema, options, 'needsHumanApproval options')?.actions;
  if (!catalog) return reversible !== true;
  const description = catalog.describeAction(name);
  if (description === undefined) return true;
  return (
    parseInput(descriptionSchema, description, `description of action '${name}'`).reversible !==
    true
  );
}
