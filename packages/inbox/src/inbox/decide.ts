import {
  type Actor,
  actorSchema,
  evaluateRails,
  parseInput,
  throwIfAborted,
} from '@guardloop/core';
import { hashActionInput, storableTextSchema } from '@guardloop/undo-log';
import { z } from 'zod';
import { ActionNotRegisteredError } from '../errors/action-not-registered-error';
import { EditRefusedError } from '../errors/edit-refused-error';
import { InputHashMismatchError } from '../errors/input-hash-mismatch-error';
import { diffInput } from '../item/diff-input';
import {
  type HistoryEntry,
  type InboxDecision,
  type InboxItem,
  reviewerTextSchema,
} from '../item/inbox-item';
import { assertAuthority } from './authority';
import { assertNotHeldByOther } from './claims';
import { assertPending, type InboxRuntime, loadItem, updateWithRetry } from './inbox-runtime';
import { abortSignalSchema } from './option-schemas';
import { runApprovedAction } from './run-approved-action';

const idSchema = storableTextSchema;

export const approveOptionsSchema = z.object({
  reviewer: actorSchema,
  note: reviewerTextSchema.optional(),
  /** The `inputHash` the reviewer saw: refused (`input_hash_mismatch`) when the item's differs. */
  inputHash: storableTextSchema.optional(),
  abortSignal: abortSignalSchema.optional(),
});
export type ApproveOptions = z.input<typeof approveOptionsSchema>;

export const approveWithEditsOptionsSchema = approveOptionsSchema.extend({
  /** The input to run instead; validated by the action's schema and re-checked by the rails. */
  input: z.unknown(),
});
export type ApproveWithEditsOptions = z.input<typeof approveWithEditsOptionsSchema>;

export const rejectOptionsSchema = z.object({
  reviewer: actorSchema,
  reason: reviewerTextSchema,
  abortSignal: abortSignalSchema.optional(),
});
export type RejectOptions = z.input<typeof rejectOptionsSchema>;

/** The checks every decision makes on the current item before its compare-and-set. */
async function checkDecision(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
  seenHash: string | undefined,
): Promise<void> {
  assertPending(item);
  assertNotHeldByOther(item, reviewer, runtime.clock.now());
  await assertAuthority(runtime, item, reviewer, kind);
  // The stored input must still be the one escalated, and the one the reviewer looked at.
  const actual = hashActionInput(item.action.input);
  for (const expected of [item.inputHash, seenHash]) {
    if (expected !== undefined && expected !== actual)
      throw new InputHashMismatchError({ escalationId: item.id, expected, actual });
  }
}

/** The decision's write: the item leaves `pending` and the claim ends. */
function decisionUpdate(item: InboxItem, decision: InboxDecision, entry: HistoryEntry) {
  const status = decision.kind === 'reject' ? ('rejected' as const) : ('approving' as const);
  return {
    set: {
      status,
      decision,
      decidedAt: decision.at,
      acknowledgedAt: item.acknowledgedAt ?? decision.at,
      assignee: null,
      leaseExpiresAt: null,
      updatedAt: decision.at,
    },
    append: [entry],
  };
}

/** The input as the action will run it: parsed by its schema when the inbox knows the action. */
function parsedInput(runtime: InboxRuntime, name: string, input: unknown): unknown {
  const action = runtime.actions.get(name);
  return action === undefined
    ? input
    : parseInput(action.input, input, `input of action '${name}'`);
}

/**
 * Resuming an approval whose action did not finish (a crash, a store outage): the same
 * reviewer approving again re-runs it under the same idempotency key, which replays.
 */
async function resumeIfOwnApproval(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem | undefined> {
  if (item.status !== 'approving' || item.decision?.reviewer.id !== reviewer.id) return undefined;
  return runApprovedAction(runtime, item, abortSignal);
}

/** Approves the proposed action as escalated, runs it through the undo log, records the result. */
export async function approve(runtime: InboxRuntime, id: unknown, options: ApproveOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, note, inputHash, abortSignal } = parseInput(
    approveOptionsSchema,
    options,
    'approve options',
  );
  const resumed = await resumeIfOwnApproval(
    runtime,
    await loadItem(runtime, escalationId, abortSignal),
    reviewer,
    abortSignal,
  );
  if (resumed) return resumed;
  const decided = await updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'approve', inputHash);
    const input = parsedInput(runtime, item.action.name, item.action.input);
    const at = runtime.clock.now();
    const decision: InboxDecision = {
      kind: 'approve',
      reviewer,
      at,
      ...(note === undefined ? {} : { note }),
      input,
      inputHash: hashActionInput(input),
    };
    return decisionUpdate(item, decision, {
      type: 'approved',
      at,
      actor: reviewer,
      ...(note === undefined ? {} : { note }),
      details: { inputHash: decision.inputHash },
    });
  });
  return runApprovedAction(runtime, decided, abortSignal);
}

/**
 * Approves an edited input: parsed by the action's schema, re-checked by the inbox's rails
 * (a deny refuses the edit), kept as a diff; then runs like `approve`.
 */
export async function approveWithEdits(
  runtime: InboxRuntime,
  id: unknown,
  options: ApproveWithEditsOptions,
) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, note, inputHash, input, abortSignal } = parseInput(
    approveWithEditsOptionsSchema,
    options,
    'approveWithEdits options',
  );
  const first = await loadItem(runtime, escalationId, abortSignal);
  const resumed = await resumeIfOwnApproval(runtime, first, reviewer, abortSignal);
  if (resumed) return resumed;
  const action = runtime.actions.get(first.action.name);
  if (action === undefined) throw new ActionNotRegisteredError({ actionName: first.action.name });
  const edited = parseInput(action.input, input, `edited input of action '${action.name}'`);
  const editedHash = hashActionInput(edited);
  await checkDecision(runtime, first, reviewer, 'approve_with_edits', inputHash);
  if (runtime.rails.length > 0) {
    const verdict = await evaluateRails(
      runtime.rails,
      {
        traceId: first.traceId,
        actor: reviewer,
        action: {
          name: action.name,
          input: edited as Record<string, unknown>,
          ...(first.action.resource === null ? {} : { resource: first.action.resource }),
          reversible: action.reversible,
          dryRun: false,
        },
        attributes: { escalationId: first.id, edit: true },
      },
      { clock: runtime.clock, ...(abortSignal ? { abortSignal } : {}) },
    );
    if (verdict.verdict === 'deny') {
      await runtime.store.append(first.id, [
        {
          type: 'authority_denied',
          at: runtime.clock.now(),
          actor: reviewer,
          details: {
            decision: 'approve_with_edits',
            outcome: 'edit_denied',
            reason: verdict.reason,
          },
        },
      ]);
      throw new EditRefusedError({ escalationId: first.id, decision: verdict });
    }
  }
  throwIfAborted(abortSignal);
  const decided = await updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'approve_with_edits', inputHash);
    const at = runtime.clock.now();
    const diff = diffInput(item.action.input, edited);
    const decision: InboxDecision = {
      kind: 'approve_with_edits',
      reviewer,
      at,
      ...(note === undefined ? {} : { note }),
      input: edited,
      inputHash: editedHash,
      diff,
    };
    return decisionUpdate(item, decision, {
      type: 'approved_with_edits',
      at,
      actor: reviewer,
      ...(note === undefined ? {} : { note }),
      details: { inputHash: editedHash, diff },
    });
  });
  return runApprovedAction(runtime, decided, abortSignal);
}

/** Rejects the escalation: nothing runs. */
export async function reject(runtime: InboxRuntime, id: unknown, options: RejectOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, reason, abortSignal } = parseInput(
    rejectOptionsSchema,
    options,
    'reject options',
  );
  return updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'reject', undefined);
    const at = runtime.clock.now();
    return decisionUpdate(
      item,
      { kind: 'reject', reviewer, at, note: reason },
      { type: 'rejected', at, actor: reviewer, note: reason },
    );
  });
}
