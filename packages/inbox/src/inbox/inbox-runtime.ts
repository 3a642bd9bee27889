import { type Clock, type IdGenerator, type Rail, StoreUnavailableError } from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import type { RbacPolicy } from '@guardloop/deterministic';
import type { AnyActionDefinition, UndoLog } from '@guardloop/undo-log';
import { AlreadyDecidedError } from '../errors/already-decided-error';
import { EscalationNotFoundError } from '../errors/escalation-not-found-error';
import type { InboxFeedbackRecorder } from '../feedback/decision-outcomes';
import type { FeedbackFailure } from '../feedback/record-feedback';
import type { InboxItem, InboxPriority } from '../item/inbox-item';
import type { BusinessCalendar } from '../sla/create-business-calendar';
import type { InboxItemUpdate, InboxStore } from '../store/inbox-store';

/** Acknowledge-by (first claim) and decide-by, in ms after the escalation. */
export interface SlaTarget {
  acknowledgeWithinMs?: number;
  decideWithinMs?: number;
  /**
   * The escalation path when either deadline is breached (applied by `startSlaMonitor`):
   * `moveToQueue` moves the item to that queue, `page` calls the monitor's `page` callback.
   */
  onBreach?: { moveToQueue?: string; page?: boolean };
  /** Counts the durations in open hours only (`createBusinessCalendar`). Default: wall time. */
  calendar?: BusinessCalendar;
}

/** What every inbox operation shares, validated once by `createInbox`. */
export interface InboxRuntime {
  store: InboxStore;
  clock: Clock;
  idGenerator: IdGenerator;
  policy: RbacPolicy | undefined;
  sla: Partial<Record<InboxPriority, SlaTarget>>;
  undoLog: UndoLog | undefined;
  actions: ReadonlyMap<string, AnyActionDefinition>;
  rails: readonly Rail[];
  defaultLeaseMs: number;
  feedback: InboxFeedbackRecorder | undefined;
  onFeedbackError: ((error: unknown, failure: FeedbackFailure) => void) | undefined;
}

/** The item, or `escalation_not_found`. */
export async function loadItem(
  runtime: InboxRuntime,
  id: string,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem> {
  throwIfAborted(abortSignal);
  const item = await runtime.store.get(id, { abortSignal });
  if (item === undefined) throw new EscalationNotFoundError({ escalationId: id });
  return item;
}

export function assertPending(item: InboxItem): void {
  if (item.status !== 'pending')
    throw new AlreadyDecidedError({ escalationId: item.id, status: item.status });
}

// Each lost compare-and-set means another writer changed the item; a handful always suffices
// unless writers hammer one item, which then surfaces as a retryable store error.
const maxAttempts = 8;

/**
 * Reads the item, lets `plan` check it and say what to write, and writes it as a
 * compare-and-set on its revision; when another writer got there first, starts over on the
 * fresh item (so `plan` sees, and refuses, what that writer did).
 */
export async function updateWithRetry(
  runtime: InboxRuntime,
  id: string,
  abortSignal: AbortSignal | undefined,
  plan: (
    item: InboxItem,
  ) => Omit<InboxItemUpdate, 'expectRevision'> | Promise<Omit<InboxItemUpdate, 'expectRevision'>>,
): Promise<InboxItem> {
  for (let attempt = 1; ; attempt++) {
    const item = await loadItem(runtime, id, abortSignal);
    const update = await plan(item);
    throwIfAborted(abortSignal);
    const updated = await runtime.store.update(
      id,
      { ...update, expectRevision: item.revision },
      { abortSignal },
    );
    if (updated !== undefined) return updated;
    if (attempt >= maxAttempts) {
      throw new StoreUnavailableError({
        operation: 'inbox: updating an item',
        message: `Escalation '${id}' kept changing under ${maxAttempts} attempts to update it.`,
      });
    }
  }
}
