import { GuardloopError, StoreUnavailableError } from '@guardloop/core';
import { type ApprovalToken, hashActionInput, type RunResult } from '@guardloop/undo-log';
import { InputHashMismatchError } from '../errors/input-hash-mismatch-error';
import type { InboxDecision, InboxItem } from '../item/inbox-item';
import type { InboxRuntime } from './inbox-runtime';

// Undo-log errors that mean the action did not and will not run for this decision: the item
// fails. Anything else (a store outage, an action still in progress) may have run it, so the
// item stays `approving` and the same approval can be retried (the idempotency key replays).
const finalCodes = new Set([
  'action_failed',
  'approval_required',
  'approval_rejected',
  'unknown_action',
  'idempotency_conflict',
  'invalid_input',
  'result_not_storable',
]);

/** `inbox:<id>`: the undo log's idempotency key for an escalation's action. */
export const inboxIdempotencyKey = (escalationId: string) => `inbox:${escalationId}`;

/** The approval token for the decision: bound to escalation id, reviewer, action and input hash. */
export function approvalTokenFor(item: InboxItem, decision: InboxDecision): ApprovalToken {
  return {
    approvedBy: decision.reviewer.id,
    approvedAt: decision.at,
    actionName: item.action.name,
    idempotencyKey: inboxIdempotencyKey(item.id),
    // Read by createInboxApprovalVerifier: the run's input must hash to it.
    signature: decision.inputHash ?? '',
  };
}

async function settle(
  runtime: InboxRuntime,
  id: string,
  settled: (item: InboxItem) => Parameters<InboxRuntime['store']['update']>[1] | undefined,
): Promise<InboxItem> {
  // Only this step moves an item out of `approving`; a lost race is a comment or nothing.
  for (;;) {
    const item = await runtime.store.get(id);
    if (item === undefined) throw new StoreUnavailableError({ operation: 'inbox: settling' });
    const update = settled(item);
    if (update === undefined) return item;
    const written = await runtime.store.update(id, update);
    if (written !== undefined) return written;
  }
}

/**
 * Runs the approved action through the undo log (once: its idempotency key is the
 * escalation's) and records the result, or the failure, on the item.
 */
export async function runApprovedAction(
  runtime: InboxRuntime,
  item: InboxItem,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem> {
  const decision = item.decision as InboxDecision;
  const { undoLog } = runtime;
  const runInput = decision.input ?? null;
  const actual = hashActionInput(runInput);
  if (decision.inputHash !== actual)
    throw new InputHashMismatchError({
      escalationId: item.id,
      expected: decision.inputHash ?? '',
      actual,
    });
  if (undoLog === undefined) {
    // No undo log: the host runs the action itself; the decision is what is recorded.
    return settle(runtime, item.id, (current) =>
      current.status !== 'approving'
        ? undefined
        : {
            expectRevision: current.revision,
            set: { status: 'approved', updatedAt: runtime.clock.now() },
          },
    );
  }
  let run: RunResult<unknown>;
  try {
    // By name: the undo log runs only actions registered with it.
    run = await undoLog.run(item.action.name, runInput, {
      idempotencyKey: inboxIdempotencyKey(item.id),
      traceId: item.traceId,
      actor: decision.reviewer,
      approval: approvalTokenFor(item, decision),
      ...(abortSignal ? { abortSignal } : {}),
    });
  } catch (error) {
    if (!GuardloopError.isInstance(error) || !finalCodes.has(error.code)) throw error;
    await settle(runtime, item.id, (current) => {
      if (current.status !== 'approving') return undefined;
      const at = runtime.clock.now();
      const stored = { code: error.code, message: error.message.slice(0, 10_000) };
      return {
        expectRevision: current.revision,
        set: { status: 'failed', error: stored, updatedAt: at },
        append: [{ type: 'action_failed', at, details: stored }],
      };
    });
    throw error;
  }
  const result = run.status === 'dry_run' ? null : (run.result ?? null);
  const actionId = run.status === 'dry_run' ? null : run.actionId;
  return settle(runtime, item.id, (current) => {
    if (current.status !== 'approving') return undefined;
    const at = runtime.clock.now();
    return {
      expectRevision: current.revision,
      set: { status: 'approved', result, updatedAt: at },
      append: [{ type: 'action_completed', at, details: { actionId, replayed: run.replayed } }],
    };
  });
}
