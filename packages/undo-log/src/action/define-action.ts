import { type Awaitable, parseInput } from '@guardloop/core';
import { z } from 'zod';
import type { RetryOptions } from '../retry/with-retry';
import type { DoContext, PlanContext, RecoveryContext, UndoContext } from './action-context';

interface ActionDefinitionBase<InputSchema extends z.ZodType, Output, Snapshot> {
  /** Unique among the actions of one undo log; stored in every record. */
  name: string;
  /** Validates (and may transform) the input before anything runs. */
  input: InputSchema;
  /** Validates stored results when a run is replayed from its idempotency key. */
  output?: z.ZodType<Output>;
  /** Captures the state `undo` needs, before `do` runs; stored in the pending record. */
  snapshot?(input: z.output<InputSchema>, context: PlanContext): Awaitable<Snapshot>;
  /** Performs the side effect. Must be JSON-serialisable in what it returns. */
  do(input: z.output<InputSchema>, context: DoContext<Snapshot>): Awaitable<Output>;
  /** Describes the effect without causing it. Default plan: `{ action, input, reversible }`. */
  dryRun?(input: z.output<InputSchema>, context: PlanContext): Awaitable<unknown>;
  /** Crash recovery: reports whether `do` took effect before the process died. */
  isComplete?(
    input: z.output<InputSchema>,
    snapshot: Snapshot,
    context: RecoveryContext,
  ): Awaitable<boolean>;
  /** Overrides the undo log's retry options for this action. */
  retry?: RetryOptions;
}

export interface ReversibleActionDefinition<InputSchema extends z.ZodType, Output, Snapshot>
  extends ActionDefinitionBase<InputSchema, Output, Snapshot> {
  reversible: true;
  /** Reverses `do`. Should tolerate a partial or absent effect (crash recovery calls it too). */
  undo(input: z.output<InputSchema>, context: UndoContext<Output, Snapshot>): Awaitable<void>;
}

export interface IrreversibleActionDefinition<InputSchema extends z.ZodType, Output, Snapshot>
  extends ActionDefinitionBase<InputSchema, Output, Snapshot> {
  /** Runs only with a verified human approval token; can never be undone. */
  reversible: false;
  undo?: never;
}

export type ActionDefinition<
  InputSchema extends z.ZodType = z.ZodType,
  Output = unknown,
  Snapshot = unknown,
> =
  | ReversibleActionDefinition<InputSchema, Output, Snapshot>
  | IrreversibleActionDefinition<InputSchema, Output, Snapshot>;

/**
 * Any action, whatever its types. The callbacks are declared as methods, whose parameters
 * are bivariant, so every specific action is assignable to this.
 */
export type AnyActionDefinition = ActionDefinition<z.ZodType, unknown, unknown>;

const functionSchema = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
  message: 'Expected a function',
});
const definitionSchema = z
  .object({
    name: z.string().min(1).max(200),
    input: z.custom<z.ZodType>((v) => v instanceof z.ZodType, { message: 'Expected a zod schema' }),
    reversible: z.boolean(),
    do: functionSchema,
    undo: functionSchema.optional(),
    dryRun: functionSchema.optional(),
    snapshot: functionSchema.optional(),
    isComplete: functionSchema.optional(),
  })
  .refine((definition) => definition.reversible === (definition.undo !== undefined), {
    message: 'A reversible action needs `undo`; an irreversible one must not have it',
    path: ['undo'],
  });

/** Declares an action; checks its shape at runtime (`invalid_input`) and keeps its types. */
export function defineAction<InputSchema extends z.ZodType, Output, Snapshot = undefined>(
  definition: ReversibleActionDefinition<InputSchema, Output, Snapshot>,
): ReversibleActionDefinition<InputSchema, Output, Snapshot>;
export function defineAction<InputSchema extends z.ZodType, Output, Snapshot = undefined>(
  definition: IrreversibleActionDefinition<InputSchema, Output, Snapshot>,
): IrreversibleActionDefinition<InputSchema, Output, Snapshot>;
export function defineAction(definition: AnyActionDefinition): AnyActionDefinition {
  parseInput(definitionSchema, definition, 'action definition');
  return definition;
}
