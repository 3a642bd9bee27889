import { actorSchema } from '@guardloop/core';
import { z } from 'zod';
import { approvalTokenSchema } from '../approval/approval-token';

/**
 * Lifecycle of a record: `pending` (intent written, `do` running) -> `done` | `failed`;
 * `done` -> `undoing` -> `undone`. Crash recovery resolves `pending` and `undoing` records.
 * Dry runs write no record.
 */
export const undoLogStatuses = ['pending', 'done', 'failed', 'undoing', 'undone'] as const;
export const undoLogStatusSchema = z.enum(undoLogStatuses);
export type UndoLogStatus = z.output<typeof undoLogStatusSchema>;

/** The last error seen on a record, reduced to what survives JSON. */
export const storedErrorSchema = z.object({ code: z.string(), message: z.string() });
export type StoredError = z.output<typeof storedErrorSchema>;

/** Who or what undid an action, why, and when (epoch ms). */
export const undoInfoSchema = z.object({
  by: actorSchema,
  reason: z.string().min(1),
  at: z.number(),
});
export type UndoInfo = z.output<typeof undoInfoSchema>;

/** One action run, as persisted by an `UndoLogStore`. JSON values are `null` when absent. */
export const undoLogRecordSchema = z.object({
  id: z.string().min(1),
  /** Assigned by the store on insert; strictly increasing, orders undo (reverse chronological). */
  sequence: z.number().int().nonnegative(),
  actionName: z.string().min(1),
  idempotencyKey: z.string().min(1),
  /** Hash of the parsed input: a reused key with another input is a conflict. */
  inputHash: z.string().min(1),
  input: z.unknown(),
  snapshot: z.unknown(),
  result: z.unknown(),
  error: storedErrorSchema.nullable(),
  status: undoLogStatusSchema,
  reversible: z.boolean(),
  traceId: z.string().min(1),
  actor: actorSchema,
  approval: approvalTokenSchema.nullable(),
  undo: undoInfoSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  /** The process that may write the record while it is pending or undoing. */
  leaseOwner: z.string().nullable(),
  leaseExpiresAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type UndoLogRecord = z.output<typeof undoLogRecordSchema>;

/** A record before the store assigned its sequence number. */
export type NewUndoLogRecord = Omit<UndoLogRecord, 'sequence'>;

/** Fields that may change after insert; identity, input and creation time never do. */
export type UndoLogRecordPatch = Partial<
  Pick<
    UndoLogRecord,
    | 'status'
    | 'snapshot'
    | 'result'
    | 'error'
    | 'traceId'
    | 'actor'
    | 'approval'
    | 'undo'
    | 'attempts'
    | 'leaseOwner'
    | 'leaseExpiresAt'
    | 'updatedAt'
  >
>;
