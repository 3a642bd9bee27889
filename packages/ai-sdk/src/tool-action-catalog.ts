import type { ActionCatalog } from '@guardloop/core';
import type { AnyActionDefinition } from '@guardloop/undo-log';

/**
 * The guarded tools' actions as an `ActionCatalog` for `needsHumanApproval`: each tool's action
 * definition, never the request the rails see, decides whether a call can be undone. Two tools
 * of one action name count as irreversible when either is (fail closed).
 */
export function toolActionCatalog(actions: readonly AnyActionDefinition[]): ActionCatalog {
  const reversible = new Map<string, boolean>();
  for (const action of actions) {
    reversible.set(
      action.name,
      (reversible.get(action.name) ?? true) && action.reversible === true,
    );
  }
  return {
    describeAction(name) {
      const known = reversible.get(name);
      return known === undefined ? undefined : { reversible: known };
    },
  };
}
