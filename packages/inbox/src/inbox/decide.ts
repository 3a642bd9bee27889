import {
  type Actor,
  actorSchema,
  evaluateRails,
  InvalidInputError,
  parseInput,
} from '@guardloop/core';
import { throwIfAborted } from '@guardloop/core/internal';
import { hashActionInput } from '@guardloop/undo-log';
import { storableJsonSchema, storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import { ActionNotRegisteredError } from '../errors/action-not-registered-error';
import { EditRefusedError } from '../errors/edit-refused-error';
import { InputHashMismatchError } from '../errors/input-hash-mismatch-error';
import { decisionOutcome } from '../feedback/decision-outcomes';
import { recordFeedbackSafely } from '../feedback/record-feedback';
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
  /**
   * What the reviewer does instead, run through the undo log as theirs (actor = reviewer, its
   * own idempotency key bound to the escalation). Like an edit, it needs the action in
   * `createInbox({ actions })`, the reviewer's grant for it, and the rails' consent.
   */
  humanAction: z
    .object({
      name: storableTextSchema,
      input: storableJsonSchema.default({}),
      resource: storableTextSchema.optional(),
    })
    .optional(),
  abortSignal: abortSignalSchema.optional(),
});
export type RejectOptions = z.input<typeof rejectOptionsSchema>;

type ActionToCheck = { name: string; input: unknown; resource: string | null };

/** The checks every decision makes on the current item before its compare-and-set. */
async function checkDecision(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  kind: InboxDecision['kind'],
  seenHash: string | undefined,
  humanAction?: ActionToCheck,
): Promise<void> {
  assertPending(item);
  assertNotHeldByOther(item, reviewer, runtime.clock.now());
  await assertAuthority(runtime, item, reviewer, kind);
  if (humanAction) await assertAuthority(runtime, item, reviewer, kind, humanAction);
  // The stored input must still be the one escalated, and the one the reviewer looked at.
  const actual = item.action === null ? null : hashActionInput(item.action.input);
  for (const expected of [item.inputHash, seenHash]) {
    if (expected !== undefined && expected !== actual)
      throw new InputHashMismatchError({
        escalationId: item.id,
        expected: expected ?? '',
        actual: actual ?? '',
      });
  }
}

/**
 * The decision's write: the item leaves `pending` and the claim ends. It goes to `approving`
 * while the decision has an action to run, else straight to its final status.
 */
function decisionUpdate(item: InboxItem, decision: InboxDecision, entry: HistoryEntry) {
  const runs = decision.inputHash !== undefined;
  const final = decision.kind === 'reject' ? ('rejected' as const) : ('approved' as const);
  return {
    set: {
      status: runs ? ('approving' as const) : final,
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

/** A deny from the inbox's rails refuses an input the reviewer wrote (an edit, their own action). */
async function checkRails(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  action: ActionToCheck & { reversible: boolean },
  kind: InboxDecision['kind'],
  abortSignal: AbortSignal | undefined,
): Promise<void> {
  if (runtime.rails.length === 0) return;
  const verdict = await evaluateRails(
    runtime.rails,
    {
      traceId: item.traceId,
      actor: reviewer,
      action: {
        name: action.name,
        input: action.input as Record<string, unknown>,
        ...(action.resource === null ? {} : { resource: action.resource }),
        reversible: action.reversible,
        dryRun: false,
      },
      attributes: { escalationId: item.id, edit: true, decision: kind },
    },
    { clock: runtime.clock, ...(abortSignal ? { abortSignal } : {}) },
  );
  if (verdict.verdict !== 'deny') return;
  await runtime.store.append(item.id, [
    {
      type: 'authority_denied',
      at: runtime.clock.now(),
      actor: reviewer,
      details: {
        decision: kind,
        outcome: kind === 'reject' ? 'human_action_denied' : 'edit_denied',
        reason: verdict.reason,
      },
    },
  ]);
  throw new EditRefusedError({ escalationId: item.id, decision: verdict });
}

/**
 * Resuming a decision whose action did not finish (a crash, a store outage): the same
 * reviewer deciding the same way again re-runs it under the same idempotency key, which replays.
 */
async function resumeIfOwnDecision(
  runtime: InboxRuntime,
  item: InboxItem,
  reviewer: Actor,
  rejecting: boolean,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem | undefined> {
  const { decision } = item;
  if (item.status !== 'approving' || decision?.reviewer.id !== reviewer.id) return undefined;
  if ((decision.kind === 'reject') !== rejecting) return undefined;
  return runApprovedAction(runtime, item, abortSignal);
}

/** Records the decision in feedback (never undoing it), then runs what it decided. */
async function afterDecision(
  runtime: InboxRuntime,
  decided: InboxItem,
  abortSignal: AbortSignal | undefined,
): Promise<InboxItem> {
  const outcome = decisionOutcome(decided);
  const recorded = await recordFeedbackSafely(
    runtime,
    decided,
    outcome ? [outcome] : [],
    abortSignal,
  );
  return recorded.status === 'approving'
    ? runApprovedAction(runtime, recorded, abortSignal)
    : recorded;
}

/**
 * Approves the proposed action as escalated, runs it through the undo log, records the result.
 * An item without an action is acknowledged: the decision is recorded and nothing runs.
 */
export async function approve(runtime: InboxRuntime, id: unknown, options: ApproveOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, note, inputHash, abortSignal } = parseInput(
    approveOptionsSchema,
    options,
    'approve options',
  );
  const resumed = await resumeIfOwnDecision(
    runtime,
    await loadItem(runtime, escalationId, abortSignal),
    reviewer,
    false,
    abortSignal,
  );
  if (resumed) return resumed;
  const decided = await updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'approve', inputHash);
    const at = runtime.clock.now();
    const input = item.action && parsedInput(runtime, item.action.name, item.action.input);
    const decision: InboxDecision = {
      kind: 'approve',
      reviewer,
      at,
      ...(note === undefined ? {} : { note }),
      ...(item.action === null ? {} : { input, inputHash: hashActionInput(input) }),
    };
    return decisionUpdate(item, decision, {
      type: 'approved',
      at,
      actor: reviewer,
      ...(note === undefined ? {} : { note }),
      details: { inputHash: decision.inputHash ?? null },
    });
  });
  return afterDecision(runtime, decided, abortSignal);
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
  const resumed = await resumeIfOwnDecision(runtime, first, reviewer, false, abortSignal);
  if (resumed) return resumed;
  if (first.action === null)
    throw new InvalidInputError({
      subject: 'approveWithEdits options',
      issues: [{ path: 'input', message: 'The escalation proposes no action to edit' }],
    });
  const action = runtime.actions.get(first.action.name);
  if (action === undefined) throw new ActionNotRegisteredError({ actionName: first.action.name });
  const edited = parseInput(action.input, input, `edited input of action '${action.name}'`);
  const editedHash = hashActionInput(edited);
  await checkDecision(runtime, first, reviewer, 'approve_with_edits', inputHash);
  await checkRails(
    runtime,
    first,
    reviewer,
    { ...first.action, input: edited, reversible: action.reversible },
    'approve_with_edits',
    abortSignal,
  );
  throwIfAborted(abortSignal);
  const decided = await updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'approve_with_edits', inputHash);
    const at = runtime.clock.now();
    const diff = diffInput(item.action?.input ?? null, edited);
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
  return afterDecision(runtime, decided, abortSignal);
}

/**
 * Rejects the escalation: the proposed action never runs. With `humanAction`, the reviewer's
 * own action runs through the undo log instead, exactly once, and its result is recorded.
 */
export async function reject(runtime: InboxRuntime, id: unknown, options: RejectOptions) {
  const escalationId = parseInput(idSchema, id, 'escalation id');
  const { reviewer, reason, humanAction, abortSignal } = parseInput(
    rejectOptionsSchema,
    options,
    'reject options',
  );
  const first = await loadItem(runtime, escalationId, abortSignal);
  const resumed = await resumeIfOwnDecision(runtime, first, reviewer, true, abortSignal);
  if (resumed) return resumed;
  let own: (ActionToCheck & { inputHash: string }) | undefined;
  if (humanAction) {
    const action = runtime.actions.get(humanAction.name);
    if (action === undefined) throw new ActionNotRegisteredError({ actionName: humanAction.name });
    const input = parseInput(action.input, humanAction.input, `input of action '${action.name}'`);
    own = {
      name: action.name,
      input,
      resource: humanAction.resource ?? null,
      inputHash: hashActionInput(input),
    };
    await checkDecision(runtime, first, reviewer, 'reject', undefined, own);
    await checkRails(
      runtime,
      first,
      reviewer,
      { ...own, reversible: action.reversible },
      'reject',
      abortSignal,
    );
    throwIfAborted(abortSignal);
  }
  const decided = await updateWithRetry(runtime, escalationId, abortSignal, async (item) => {
    await checkDecision(runtime, item, reviewer, 'reject', undefined, own);
    const at = runtime.clock.now();
    const decision: InboxDecision = {
      kind: 'reject',
      reviewer,
      at,
      note: reason,
      ...(own === undefined
        ? {}
        : {
            input: own.input,
            inputHash: own.inputHash,
            humanAction: { name: own.name, resource: own.resource },
          }),
    };
    return decisionUpdate(item, decision, {
      type: 'rejected',
      at,
      actor: reviewer,
      note: reason,
      ...(own === undefined
        ? {}
        : { details: { humanAction: own.name, inputHash: own.inputHash } }),
    });
  });
  return afterDecision(runtime, decided, abortSignal);
}
