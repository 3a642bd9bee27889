import { z } from 'zod';

/** What the loop needs to know about a registered action. */
export interface ActionDescription {
  /** Whether the action can be undone; an irreversible one always needs a human approval. */
  reversible: boolean;
}

/**
 * Where the definitions of actions live, e.g. an `UndoLog` from `@guardloop/undo-log`. The
 * definition, not the hypothesis that proposes an action, decides whether it is reversible.
 */
export interface ActionCatalog {
  /** The registered action's description, or `undefined` when no action has this name. */
  describeAction(name: string): ActionDescription | undefined;
}

export const actionCatalogSchema = z.custom<ActionCatalog>(
  (value) => typeof (value as ActionCatalog | null)?.describeAction === 'function',
  'Expected an action catalog with describeAction()',
);
