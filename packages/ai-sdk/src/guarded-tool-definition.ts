import type { AnyActionDefinition } from '@guardloop/undo-log';
import type { z } from 'zod';

type ActionInput<Action extends AnyActionDefinition> = z.output<Action['input']>;

/** One AI SDK tool backed by an undo-log action. */
export interface GuardedToolDefinition<Action extends AnyActionDefinition = AnyActionDefinition> {
  /** The action the tool runs; its input schema is the tool's input schema. */
  action: Action;
  /** What the model reads to decide when to call the tool. */
  description?: string;
  /** The resource the call touches, for RBAC and policy rails (e.g. `account:42`). */
  // Methods, not function properties: their parameters are bivariant, so a definition for a
  // specific action is assignable to `GuardedToolDefinition` (of any action).
  resource?(input: ActionInput<Action>): string;
  /** Estimated cost of the call, for economic rails. */
  cost?(input: ActionInput<Action>): { tokens?: number; usd?: number };
}

/** Declares a guarded tool with its callbacks typed by the action's input schema. */
export function guardedTool<Action extends AnyActionDefinition>(
  definition: GuardedToolDefinition<Action>,
): GuardedToolDefinition<Action> {
  return definition;
}
