import { actorSchema, parseInput } from '@guardloop/core';
import { abortSignalSchema } from '@guardloop/core/internal';
import { z } from 'zod';
import type { AnyActionDefinition } from '../action/define-action';
import { approvalTokenSchema } from '../approval/approval-token';
import {
  exactObject,
  isPlainActor,
  isPlainApproval,
  isStorableKey,
  optional,
} from '../record/fast-record-checks';
import {
  storableJsonIssue,
  storableJsonSchema,
  storableTextSchema,
} from '../record/storable-values';

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
export type RunRequest = z.output<typeof runOptionsSchema>;

// `runOptionsSchema` in its common shapes, by hand (see `fast-record-checks`): zod reports the rest.
const isPlainRunOptions = exactObject({
  idempotencyKey: optional((value) => isStorableKey(value) && (value as string).length <= 500),
  traceId: isStorableKey,
  actor: isPlainActor,
  dryRun: optional((value) => typeof value === 'boolean'),
  approval: optional(isPlainApproval),
  abortSignal: optional((value) => value instanceof AbortSignal),
});

/** Validates `UndoLog.run` options (`invalid_input` otherwise). */
export function parseRunOptions(rawOptions: unknown): RunRequest {
  try {
    // Exactly the schema's shape, roles included: zod's copy would equal it.
    if (isPlainRunOptions(rawOptions)) return rawOptions as RunRequest;
  } catch {
    // A hostile getter: zod reports it.
  }
  return parseInput(runOptionsSchema, rawOptions, 'run options');
}

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
  // The common case without zod; zod words the issues otherwise.
  if (storableJsonIssue(input) === undefined) return;
  parseInput(storableJsonSchema, input, `input of action '${action.name}'`);
}
