import type { Clock } from '@guardloop/core';
import type { UndoLogBatchUpdate, UndoLogStore } from '../store/undo-log-store';
import type { SettleRecord } from './perform-undo';

export interface SettleBatch {
  /** A settle function whose write is queued and reported for `slot`; it resolves at once. */
  settleFor(slot: number): SettleRecord;
  /** True when the oldest queued write has waited long enough to be sent. */
  due(): boolean;
  /** Sends the queued writes in one `updateMany`; never throws (failures go to `onSettled`). */
  flush(): Promise<void>;
}

export interface SettleBatchOptions {
  clock: Clock;
  /**
   * How long the oldest queued write may wait before the batch goes out (checked between
   * records), so that claimed records are settled well inside their lease.
   */
  maxWaitMs: number;
  /** The fate of each queued write: applied, or not (lease lost, or `error` from the store). */
  onSettled(slot: number, applied: boolean, error?: unknown): void;
}

/**
 * Crash recovery's outcome writes for one claimed batch, sent together: one round trip for the
 * batch instead of one per record. A write is reported applied when queued, so its record's
 * outcome is corrected by `onSettled` if the store refuses it. Until the flush, a crash leaves
 * the record claimed as before its settlement, and a later round resolves it again, as it would
 * after a crash between the effect and a single write. Undefined when the store has no
 * `updateMany`.
 */
export function createSettleBatch(
  store: UndoLogStore,
  options: SettleBatchOptions,
): SettleBatch | undefined {
  if (!store.updateMany) return undefined;
  const updateMany = store.updateMany.bind(store);
  let queued: { slot: number; update: UndoLogBatchUpdate }[] = [];
  const queuedIds = new Set<string>();
  let firstQueuedAt = 0;

  const flush = async () => {
    const sending = queued;
    queued = [];
    queuedIds.clear();
    if (sending.length === 0) return;
    try {
      const applied = await updateMany(sending.map((entry) => entry.update));
      sending.forEach((entry, index) => {
        options.onSettled(entry.slot, applied[index] === true);
      });
    } catch (error) {
      for (const entry of sending) options.onSettled(entry.slot, false, error);
    }
  };
  return {
    settleFor: (slot) => async (id, update) => {
      // A second write for one record must follow the first, not race it in one statement.
      if (queuedIds.has(id)) await flush();
      if (queued.length === 0) firstQueuedAt = options.clock.now();
      queued.push({ slot, update: { id, ...update } });
      queuedIds.add(id);
      return true;
    },
    due: () => queued.length > 0 && options.clock.now() - firstQueuedAt >= options.maxWaitMs,
    flush,
  };
}
