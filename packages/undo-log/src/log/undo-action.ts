import { actorSchema, parseInput } from '@guardloop/core';
import { abortSignalSchema, throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import { ActionInProgressError } from '../errors/action-in-progress-error';
import { InvalidActionStateError } from '../errors/invalid-action-state-error';
import { IrreversibleActionError } from '../errors/irreversible-action-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { UndoLogRecord } from '../record/undo-log-record';
import { actionIdSchema } from './id-schemas';
import { performUndo, type UndoResult } from './perform-undo';
import { readRecord, resolveAction, signalOrNever, type UndoLogRuntime } from './undo-log-runtime';

export const undoOptionsSchema = z.object({
  /** Who or what asks for the undo; recorded in the log. */
  by: actorSchema,
  /** Why; recorded in the log. */
  reason: z.string().min(1),
  abortSignal: abortSignalSchema.optional(),
});
export type UndoOptions = z.input<typeof undoOptionsSchema>;
export type UndoRequest = z.output<typeof undoOptionsSchema>;

/** `UndoLog.undo`: reverses one done action; undoing an undone action returns it unchanged. */
export async function undoAction(
  runtime: UndoLogRuntime,
  actionId: string,
  rawOptions: UndoOptions,
): Promise<UndoResult> {
  parseInput(actionIdSchema, actionId, 'action id');
  const options = parseInput(undoOptionsSchema, rawOptions, 'undo options');
  throwIfAborted(options.abortSignal);
  return undoRecord(runtime, await readRecord(runtime, actionId), options);
}

export async function undoRecord(
  runtime: UndoLogRuntime,
  record: UndoLogRecord,
  options: UndoRequest,
  raced = false,
): Promise<UndoResult> {
  const action = resolveAction(runtime, record.actionName);
  if (!record.reversible || !action.reversible) {
    throw new IrreversibleActionError({ actionId: record.id, actionName: record.actionName });
  }
  if (record.status === 'undone' && record.undo) {
    const { id: actionId, actionName, undo } = record;
    return { actionId, actionName, status: 'undone', alreadyUndone: true, undo };
  }
  if (record.status === 'pending' || record.status === 'undoing') {
    throw new ActionInProgressError({ actionId: record.id, status: record.status });
  }
  if (record.status !== 'done') {
    throw new InvalidActionStateError({
      actionId: record.id,
      status: record.status,
      request: 'undo',
    });
  }
  const now = runtime.clock.now();
  const undo = { by: options.by, reason: options.reason, at: now };
  const claimed = await runtime.store.update(record.id, {
    expect: { statuses: ['done'] },
    set: {
      status: 'undoing',
      undo,
      leaseOwner: runtime.ownerId,
      leaseExpiresAt: now + runtime.leaseMs,
      updatedAt: now,
    },
  });
  if (!claimed) {
    // Someone else moved it first (most likely undid it): decide again on the fresh record.
    const latest = await readRecord(runtime, record.id);
    if (raced) throw new ActionInProgressError({ actionId: record.id, status: latest.status });
    return undoRecord(runtime, latest, options, true);
  }
  return performUndo(runtime, action, {
    record: parseStoredRecord(claimed),
    undo,
    heldStatus: 'undoing',
    onFailure: { status: 'done', undo: null, leaseOwner: null, leaseExpiresAt: null },
    abortSignal: signalOrNever(options.abortSignal),
  });
}
