import { GuardloopError, StoreUnavailableError } from '@guardloop/core';
import { type ApprovalToken, hashActionInput, type RunResult } from '@guardloop/undo-log';
import { InputHashMismatchError } from '../errors/input-hash-mismatch-error';
import type { InboxDecision, InboxItem, InboxItemPatch } from '../item/inbox-item';
import type { InboxItemUpdate } from '../store/inbox-store';
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

/** `inbox:<id>:human-action`: the key of the action a rejecting reviewer ran as their own. */
export const inboxHumanActionKey = (escalationId: string) => `inbox:${escalationId}:human-action`;

/** What a decision runs, if anything: the approved (or edited) action, or the human's own. */
export interface DecidedAction {
  name: string;
  input: unknown;
  inputHash: string;
  idempotencyKey: string;
  /** Where the item goes once the action has run. */
  finalStatus: 'approved' | 'rejected';
}

export function decidedAction(item: InboxItem): DecidedAction | undefined {
  const { decision } = item;
  if (decision === null || decision.inputHash === undefined) return undefined;
  const human = decision.kind === 'reject' ? decision.humanAction : undefined;
  if (decision.kind === 'reject' && human === undefined) return undefined;
  const name = human?.name ?? item.action?.name;
  if (name === undefined) return undefined;
  return {
    name,
    input: decision.input ?? null,
    inputHash: decision.inputHash,
    idempotencyKey: human ? inboxHumanActionKey(item.id) : inboxIdempotencyKey(item.id),
    finalStatus: human ? 'rejected' : 'approved',
  };
}

/** The approval token for the decision: bound to escalation id, reviewer, action and input hash. */
export function approvalTokenFor(decision: InboxDecision, action: DecidedAction): ApprovalToken {
  return {
    approvedBy: decision.reviewer.id,
    approvedAt: decision.at,
    actionName: action.name,
    idempotencyKey: action.idempotencyKey,
    // Read by createInboxApprovalVerifier: the run's input must hash to it.
    signature: action.inputHash,
  };
}

/** Moves an `approving` item to where `settled` says; a lost race is a re-read, never a revert. */
export async function settle(
  runtime: InboxRuntime,
  id: string,
  settled: (item: InboxItem) => Omit<InboxItemUpdate, 'expectRevision'> | undefined,
): Promise<InboxItem> {
  // Only this step moves an item out of `approving`; a lost race is a comment or nothing.
  for (;;) {
    const item = await runtime.store.get(id);
    if (item === undefined) throw new StoreUnavailableError({ operation: 'inbox: settling' });
    const update = item.status === 'approving' ? settled(item) : undefined;
    if (update === undefined) return item;
    const written = await runtime.store.update(id, { ...update, expectRevision: item.revision });
    if (written !== undefined) return written;
  }
}

/** The write that records a finished run (a replay, or what recovery found in the undo log). */
export function completedUpdate(
  runtime: InboxRuntime,
  action: DecidedAction,
  outcome: { result: unknown; actionId: string | null; replayed: boolean },
): Omit<InboxItemUpdate, 'expectRevision'> {
  const at = runtime.clock.now();
  const set: InboxItemPatch = { status: action.finalStatus, result: outcome.result as never };
  return {
    set: { ...set, updatedAt: at },
    append: [
      {
        type: 'action_completed',
        at,
        details: {
          action: action.name,
          actionId: outcome.actionId,
          replayed: outcome.replayed,
        },
      },
    ],
  };
}

/** The write that records a run that failed for good. */
export function failedUpdate(
  runtime: InboxRuntime,
  action: DecidedAction,
  error: { code: string; message: string },
): Omit<InboxItemUpdate, 'expectRevision'> {
  const at = runtime.clock.now();
  const stored = { code: error.code, message: error.message.slice(0, 10_000) };
  return {
    set: { status: 'failed', error: stored, updatedAt: at },
    append: [{ type: 'action_failed', at, details: { action: action.name, ...stored } }],
  };
}

/**
 * Runs the decided action through the undo log (once: its idempotency key is the
 * escalation's) and records the result, or the failure, on the item.
 */
export async function runApprovedAction(
  runtime: InboxRuntime,
  item: InboxItem,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem> {
  const decision = item.decision as InboxDecision;
  const action = decidedAction(item);
  const { undoLog } = runtime;
  if (action === undefined) {
    // Nothing to run (an acknowledged signal): the decision is the whole of it.
    return settle(runtime, item.id, () => ({
      set: { status: decision.kind === 'reject' ? 'rejected' : 'approved' },
    }));
  }
  const actual = hashActionInput(action.input);
  if (action.inputHash !== actual)
    throw new InputHashMismatchError({ escalationId: item.id, expected: action.inputHash, actual });
  if (undoLog === undefined) {
    // No undo log: the host runs the action itself; the decision is what is recorded.
    return settle(runtime, item.id, () => ({
      set: { status: action.finalStatus, updatedAt: runtime.clock.now() },
    }));
  }
  let run: RunResult<unknown>;
  try {
    // By name: the undo log runs only actions registered with it.
    run = await undoLog.run(action.name, action.input, {
      idempotencyKey: action.idempotencyKey,
      traceId: item.traceId,
      actor: decision.reviewer,
      approval: approvalTokenFor(decision, action),
      ...(abortSignal ? { abortSignal } : {}),
    });
  } catch (error) {
    if (!GuardloopError.isInstance(error) || !finalCodes.has(error.code)) throw error;
    await settle(runtime, item.id, () => failedUpdate(runtime, action, error));
    throw error;
  }
  return settle(runtime, item.id, () =>
    completedUpdate(runtime, action, {
      result: run.status === 'dry_run' ? null : (run.result ?? null),
      actionId: run.status === 'dry_run' ? null : run.actionId,
      replayed: run.replayed,
    }),
  );
}
