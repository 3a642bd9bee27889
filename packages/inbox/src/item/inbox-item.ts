import { actorSchema } from '@guardloop/core';
import {
  storableJsonSchema,
  storableTextSchema,
  unstorableStringReason,
} from '@guardloop/undo-log/internal';
import { z } from 'zod';

export const inboxPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const inboxPrioritySchema = z.enum(inboxPriorities);
export type InboxPriority = z.output<typeof inboxPrioritySchema>;

/**
 * `pending` waits for a human; `approving` means a decision won and the action it runs is
 * under way (the approved action, or a rejecting reviewer's own `humanAction`); `approved`,
 * `rejected` and `failed` (the decision's action failed) are final.
 */
export const inboxStatuses = ['pending', 'approving', 'approved', 'rejected', 'failed'] as const;
export const inboxStatusSchema = z.enum(inboxStatuses);
export type InboxStatus = z.output<typeof inboxStatusSchema>;

const text = storableTextSchema;
// Epoch milliseconds live in bigint columns: only safe integers round-trip.
const epochMs = z.int().nonnegative();
const json = storableJsonSchema;

/** Free text a reviewer writes (notes, reasons, comments): what every store keeps unchanged. */
export const reviewerTextSchema = z
  .string()
  .min(1)
  .max(10_000)
  .superRefine((value, context) => {
    const reason = unstorableStringReason(value);
    if (reason) context.addIssue({ code: 'custom', message: `Text ${reason}` });
  });

/** The action the escalated decision proposed, exactly as it would run. */
export const proposedActionSchema = z.object({
  name: text,
  input: json,
  /** For RBAC on reviewers, e.g. `account:42`. */
  resource: text.nullable(),
});
export type ProposedAction = z.output<typeof proposedActionSchema>;

/** One changed leaf of an edit: `before` absent when added, `after` absent when removed. */
export const inputChangeSchema = z.object({
  path: z.array(z.string()),
  before: json.optional(),
  after: json.optional(),
});
export type InputChange = z.output<typeof inputChangeSchema>;

export const decisionKinds = ['approve', 'approve_with_edits', 'reject'] as const;

/** The one decision an item gets. */
export const inboxDecisionSchema = z.object({
  kind: z.enum(decisionKinds),
  reviewer: actorSchema,
  at: epochMs,
  note: reviewerTextSchema.optional(),
  /** For approvals: the input that runs (the edited one for `approve_with_edits`). */
  input: json.optional(),
  /** SHA-256 of the canonical JSON of `input` as the action parses it: what the approval binds. */
  inputHash: text.optional(),
  /** For `approve_with_edits`: what the reviewer changed. */
  diff: z.array(inputChangeSchema).optional(),
  /**
   * For `reject`: the reviewer's own action, run through the undo log as theirs (its `input`
   * and `inputHash` are the fields above).
   */
  humanAction: z.object({ name: text, resource: text.nullable() }).optional(),
});
export type InboxDecision = z.output<typeof inboxDecisionSchema>;

export const historyEntryTypes = [
  'escalated',
  'claimed',
  'released',
  'reassigned',
  'commented',
  'approved',
  'approved_with_edits',
  'rejected',
  'authority_denied',
  'action_completed',
  'action_failed',
  /** Recording the decision (or a breach) in feedback failed; `inbox.recordFeedback` retries. */
  'feedback_failed',
  /** An SLA deadline passed; `details` name the event and what the escalation path did. */
  'sla_breached',
] as const;

/** Who did what, when and why. History is append-only: entries are never changed. */
export const historyEntrySchema = z.object({
  type: z.enum(historyEntryTypes),
  at: epochMs,
  /** Absent for entries the inbox writes itself. */
  actor: actorSchema.optional(),
  note: reviewerTextSchema.optional(),
  details: json.optional(),
});
export type HistoryEntry = z.output<typeof historyEntrySchema>;

export const storedErrorSchema = z.object({ code: text, message: z.string() });

const itemShape = {
  id: text,
  traceId: text,
  signal: json,
  intent: json,
  hypotheses: z.array(json),
  /** Null when a rail escalated a signal without proposing an action. */
  action: proposedActionSchema.nullable(),
  /** SHA-256 of the canonical JSON of the escalated `action.input`; null without an action. */
  inputHash: text.nullable(),
  /** Who asked for the action; never allowed to decide it. */
  requestedBy: actorSchema.nullable(),
  rail: text.nullable(),
  reason: z.string(),
  evidence: json,
  verdicts: z.array(json),
  priority: inboxPrioritySchema,
  queue: text,
  status: inboxStatusSchema,
  assignee: text.nullable(),
  leaseExpiresAt: epochMs.nullable(),
  acknowledgedAt: epochMs.nullable(),
  acknowledgeBy: epochMs.nullable(),
  decideBy: epochMs.nullable(),
  decision: inboxDecisionSchema.nullable(),
  result: json,
  error: storedErrorSchema.nullable(),
  decidedAt: epochMs.nullable(),
  /** Bumped by the store on every `update`: the compare-and-set token. */
  revision: z.int().min(0).max(2_147_483_647),
  createdAt: epochMs,
  updatedAt: epochMs,
  history: z.array(historyEntrySchema),
};

/** An item as `InboxStore.insert` takes it (the store assigns `sequence`). */
export const newInboxItemSchema = z.object(itemShape);
export type NewInboxItem = z.output<typeof newInboxItemSchema>;

/** An escalation waiting for (or decided by) a human. */
export const inboxItemSchema = z.object({ ...itemShape, sequence: z.int().nonnegative() });
export type InboxItem = z.output<typeof inboxItemSchema>;

/** The fields `InboxStore.update` may set; identity, escalation data and history are fixed. */
export const inboxItemPatchFields = [
  'status',
  'queue',
  'assignee',
  'leaseExpiresAt',
  'acknowledgedAt',
  'decision',
  'result',
  'error',
  'decidedAt',
  'updatedAt',
] as const;

export const inboxItemPatchSchema = newInboxItemSchema
  .pick(
    Object.fromEntries(inboxItemPatchFields.map((field) => [field, true] as const)) as {
      [Field in (typeof inboxItemPatchFields)[number]]: true;
    },
  )
  .partial()
  .strict();
export type InboxItemPatch = z.output<typeof inboxItemPatchSchema>;
