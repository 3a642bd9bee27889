import { actorSchema, parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { AnyActionDefinition } from '../action/define-action';
import { approvalTokenSchema } from '../approval/approval-token';
import { storableJsonSchema, storableTextSchema } from '../record/storable-values';

export const runOptionsSchema = z.object({
  /** Same key and same input: the stored result is returned and `do` does not run again. */
  idempotencyKey: storableTextSchema.max(500).optional(),
  traceId: storableTextSchema,
  actor: actorSchema,
  /** Plans without side effects and without writing any record. */
  dryRun: z.boolean().optional(),
  /** Required for irreversible actions. */
  approval: approvalTokenSchema.optional(),
  abortSignal: abortSignalSchema.optional(),
});
export type RunOptions = z.input<typeof runOptionsSchema>;

/**
 * `done` with `replayed: false` is a fresh run. A replay returns the stored result, which is
 * `null` when `do` returned nothing or crash recovery completed the record.
 */
export type RunResult<Output> =
  | { status: 'done'; actionId: string; result: Output; replayed: false }
  | { status: 'done' | 'undone'; actionId: string; result: Output | null; replayed: true }
  | { status: 'dry_run'; plan: unknown; replayed: false };

/** Refuses (`invalid_input`) a parsed input that no store could keep unchanged as JSON. */
export function parseStorableInput(action: AnyActionDefinition, input: unknown): void {
  parseInput(storableJsonSchema, input, `input of action '${action.name}'`);
}
