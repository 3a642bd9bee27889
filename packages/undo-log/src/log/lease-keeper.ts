import type { Clock } from '@guardloop/core';
import type { UndoLogStatus } from '../record/undo-log-record';
import type { UndoLogStore, UndoLogUpdate } from '../store/undo-log-store';
import { startLeaseHeartbeat } from './lease-heartbeat';

/** Keeps the leases this process holds while their work runs. */
export interface LeaseKeeper {
  /**
   * Renews the lease of record `id`, held by this process in one of `statuses`, until the
   * returned function is called (calling it again does nothing).
   */
  hold(id: string, statuses: readonly UndoLogStatus[]): () => void;
  /** Leases held now (for tests). */
  size(): number;
}

/**
 * One heartbeat for every lease of one undo log: while any is held, every third of `leaseMs`
 * all of them are renewed in one `updateMany` (one `update` each for a store without it), so a
 * process running a thousand actions keeps one timer and sends one statement per beat, not a
 * thousand of each. A lease taken while the heartbeat runs is renewed at the next beat, within
 * a third of its term. Each renewal is a compare-and-set on the owner: a record settled or taken
 * over meanwhile is left alone. A failed renewal is not fatal: settling checks the owner.
 */
export function createLeaseKeeper({
  store,
  clock,
  leaseMs,
  ownerId,
}: {
  store: UndoLogStore;
  clock: Clock;
  leaseMs: number;
  ownerId: string;
}): LeaseKeeper {
  // Per record, the statuses of each hold: an undo run by recovery holds its record twice.
  const held = new Map<string, Set<readonly UndoLogStatus[]>>();
  let stop: (() => void) | undefined;

  const renew = (leaseExpiresAt: number) => {
    const updates: Array<{ id: string } & UndoLogUpdate> = [];
    for (const [id, holds] of held) {
      const statuses = [...new Set([...holds].flat())];
      updates.push({ id, expect: { statuses, leaseOwner: ownerId }, set: { leaseExpiresAt } });
    }
    if (updates.length === 0) return Promise.resolve();
    return store.updateMany
      ? store.updateMany(updates)
      : Promise.all(updates.map(({ id, ...update }) => store.update(id, update)));
  };

  return {
    hold(id, statuses) {
      // Its own array: the same statuses held twice are two holds.
      const hold = [...statuses];
      let holds = held.get(id);
      if (!holds) {
        holds = new Set();
        held.set(id, holds);
      }
      holds.add(hold);
      stop ??= startLeaseHeartbeat(clock, leaseMs, renew);
      return () => {
        const current = held.get(id);
        if (!current?.delete(hold)) return;
        if (current.size === 0) held.delete(id);
        if (held.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
    size: () => held.size,
  };
}
