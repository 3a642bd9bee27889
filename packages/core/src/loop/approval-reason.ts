import type { ActionCatalog } from '../actions/action-catalog';
import { needsHumanApproval } from '../actions/needs-human-approval';
import type { Hypothesis } from '../schemas/hypothesis';

/**
 * Why the proposed action needs a human approval, or `undefined` when it does not. A catalog
 * that throws fails closed: the action waits for a human.
 */
export const approvalReason = (context: {
  hypothesis?: Hypothesis | undefined;
  actions: ActionCatalog | undefined;
}): string | undefined => {
  const action = context.hypothesis?.action;
  if (action === undefined) return undefined;
  try {
    if (!needsHumanApproval(action, { actions: context.actions })) return undefined;
    if (context.actions && context.actions.describeAction(action.name) === undefined)
      return `Action '${action.name}' is not in the action catalog: a human must approve it.`;
  } catch {
    return `The action catalog could not describe '${action.name}': a human must approve it.`;
  }
  return context.actions || action.reversible === false
    ? `Action '${action.name}' is irreversible: a human must approve it.`
    : `Action '${action.name}' does not declare itself reversible: a human must approve it.`;
};
