import { parseInput } from '@guardloop/core';
import { abortSignalSchema, throwIfAborted } from '@guardloop/core/internal';
import { z } from 'zod';
import { LeaseLostError } from '../errors/lease-lost-error';
import { parseStoredRecord } from '../record/parse-stored-record';
import type { UndoLogRecord } from '../record/undo-log-record';
import { recoverRecord } from './recover-record';
import { createSettleBatch } from './settle-batch';
import { storeCall } from './store-call';
import { signalOrNever, type UndoLogRuntime } from './undo-log-runtime';

/**
 * What happens to a record left `pending` by a crashed process:
 * - `complete-or-undo` (default): `done` when the action's `isComplete` confirms the effect,
 *   otherwise undone (reversible) or `failed` with code `interrupted` (irreversible).
 * - `undo`: reversible actions are always undone; irreversible ones as above.
 * - `fail`: marked `failed` (code `interrupted`) without running anything, for manual review.
 * Records left `undoing` always have their undo finished.
 */
export const recoveryPolicies = ['complete-or-undo', 'undo', 'fail'] as const;
export type RecoveryPolicy = (typeof recoveryPolicies)[number];

export const recoverOptionsSchema = z.object({
  policy: z.enum(recoveryPolicies).default('complete-or-undo'),
  /**
   * Most records claimed in one call. The leases of a claimed batch are renewed while it is
   * worked through, so a large batch is safe; fewer, larger claims cost the store less.
   */
  limit: z.number().int().positive().max(10_000).default(500),
  abortSignal: abortSignalSchema.optional(),
});
export type RecoverOptions = z.input<typeof recoverOptionsSchema>;

export interface RecoveryOutcome {
  actionId: string;
  actionName: string;
  from: 'pending' | 'undoing';
  /** `error`: recovery itself failed; the record is retried once the new lease expires. */
  outcome: 'completed' | 'undone' | 'failed' | 'error';
  error?: unknown;
}

export interface RecoverResult {
  records: RecoveryOutcome[];
}

/**
 * `UndoLog.recover`: call on start and then periodically (`startRecovery`). Claims records
 * whose lease expired (their process died) and resolves them per `policy`, newest first. The
 * claim is atomic in the store, so with several processes each record is recovered by exactly
 * one.
 */
export async function recover(
  runtime: UndoLogRuntime,
  rawOptions: RecoverOptions = {},
): Promise<RecoverResult> {
  const options = parseInput(recoverOptionsSchema, rawOptions, 'recover options');
  throwIfAborted(options.abortSignal);
  const abortSignal = signalOrNever(options.abortSignal);
  const now = runtime.clock.now();
  const claimed = await storeCall('undo log: claiming expired records', false, () =>
    runtime.store.claimExpired({
      statuses: ['pending', 'undoing'],
      now,
      owner: runtime.ownerId,
      leaseExpiresAt: now + runtime.leaseMs,
      limit: options.limit,
    }),
  );
  const records: RecoveryOutcome[] = [];
  // Claimed records whose final write is not known applied: their leases are renewed until it
  // is (a compare-and-set on the owner: one settled or taken over meanwhile is left alone).
  const held = new Map(
    claimed.map((record) => [record.id, runtime.leases.hold(record.id, ['pending', 'undoing'])]),
  );
  const release = (id: string) => {
    held.get(id)?.();
    held.delete(id);
  };
  const batch = createSettleBatch(runtime.store, {
    clock: runtime.clock,
    maxWaitMs: Math.max(1, Math.floor(runtime.leaseMs / 3)),
    onSettled: (slot, applied, error) => {
      const outcome = records[slot];
      if (applied && outcome) release(outcome.actionId);
      if (applied || outcome === undefined || outcome.outcome === 'error') return;
      records[slot] = {
        ...outcome,
        outcome: 'error',
        error: error ?? new LeaseLostError({ actionId: outcome.actionId }),
      };
    },
  });
  try {
    for (const raw of [...claimed].sort((a, b) => b.sequence - a.sequence)) {
      throwIfAborted(abortSignal);
      const { id: actionId, actionName, status } = raw as Partial<UndoLogRecord>;
      const from = status === 'undoing' ? 'undoing' : 'pending';
      const settle = batch?.settleFor(records.length);
      try {
        const outcome = await recoverRecord(
          runtime,
          parseStoredRecord(raw),
          options.policy,
          abortSignal,
          settle,
        );
        records.push({ actionId: String(actionId), actionName: String(actionName), from, outcome });
        // Settled directly (no batch): its final write is done.
        if (!batch) release(String(actionId));
      } catch (error) {
        if (abortSignal.aborted) throw abortSignal.reason;
        records.push({
          actionId: String(actionId),
          actionName: String(actionName),
          from,
          outcome: 'error',
          error,
        });
      }
      if (batch?.due()) await batch.flush();
    }
  } finally {
    // Effects already happened for every queued write: it goes out even when aborted.
    await batch?.flush();
    for (const id of [...held.keys()]) release(id);
  }
  return { records };
}
