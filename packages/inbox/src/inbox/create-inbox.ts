import {
  type Clock,
  type IdGenerator,
  InvalidInputError,
  parseInput,
  type Rail,
  randomIdGenerator,
  systemClock,
} from '@guardloop/core';
import {
  createRbacPolicy,
  isRbacPolicy,
  type RbacPolicy,
  type RbacPolicyInput,
} from '@guardloop/deterministic';
import type { AnyActionDefinition, UndoLog } from '@guardloop/undo-log';
import { storableTextSchema } from '@guardloop/undo-log/internal';
import { z } from 'zod';
import type { InboxFeedbackRecorder, InboxOutcome } from '../feedback/decision-outcomes';
import { type FeedbackFailure, recordItemFeedback } from '../feedback/record-feedback';
import { type InboxItem, type InboxPriority, inboxPriorities } from '../item/inbox-item';
import type { BusinessCalendar } from '../sla/create-business-calendar';
import { type SlaMonitor, type SlaMonitorOptions, startSlaMonitor } from '../sla/start-sla-monitor';
import type { InboxStore } from '../store/inbox-store';
import { validatedStore } from '../store/validated-store';
import {
  type ClaimOptions,
  type CommentOptions,
  claim,
  comment,
  type ReassignOptions,
  type ReleaseOptions,
  reassign,
  release,
} from './claims';
import {
  type ApproveOptions,
  type ApproveWithEditsOptions,
  approve,
  approveWithEdits,
  type RejectOptions,
  reject,
} from './decide';
import { type EscalateInput, escalate } from './escalate';
import type { InboxRuntime, SlaTarget } from './inbox-runtime';
import { loadItem } from './inbox-runtime';
import { type DueItem, type DueOptions, due, type InboxPage, type ListOptions, list } from './list';
import {
  abortSignalSchema,
  clockSchema,
  durationMsSchema,
  idGeneratorSchema,
  slaDurationMsSchema,
} from './option-schemas';
import { type RecoverOptions, type RecoverResult, recoverDecisions } from './recover-decisions';

export interface InboxOptions {
  store: InboxStore;
  clock?: Clock;
  /** Escalation ids. Default: random UUIDs. */
  idGenerator?: IdGenerator;
  /**
   * Who may decide what, as RBAC policy data (`@guardloop/deterministic`): a reviewer needs a
   * grant for the proposed action's name (on its resource, when it has one). Without it any
   * human may decide. Nobody approves their own request either way.
   */
  reviewers?: { policy: RbacPolicy | RbacPolicyInput };
  /** Per priority: acknowledge-by (first claim) and decide-by, in ms after the escalation. */
  sla?: Partial<Record<InboxPriority, SlaTarget>>;
  /** Runs approved actions; without it, approvals are recorded and the host runs them. */
  undoLog?: UndoLog;
  /** Action definitions by name, whose schemas validate edited inputs (and parse approved ones). */
  actions?: readonly AnyActionDefinition[];
  /** Rails that re-check an edited input (`evaluateRails`); a deny refuses the edit. */
  rails?: readonly Rail[];
  /** Claim length when `claim` gives none (ms). Default 15 minutes. */
  defaultLeaseMs?: number;
  /**
   * Records every decision (`human_decision`) and SLA breach (`sla_breached`) on the
   * escalation's original trace: `createOutcomeRecorder` from `@guardloop/feedback`.
   */
  feedback?: InboxFeedbackRecorder;
  /**
   * Told when recording in `feedback` fails. The decision stands either way; the failure is
   * also a `feedback_failed` history entry, and `recordFeedback` retries.
   */
  onFeedbackError?: (error: unknown, failure: FeedbackFailure) => void;
}

export interface Inbox {
  /** Stores an escalation (idempotent per trace) and returns its item. */
  escalate(input: EscalateInput): Promise<InboxItem>;
  get(id: string, options?: { abortSignal?: AbortSignal }): Promise<InboxItem>;
  list(options?: ListOptions): Promise<InboxPage>;
  claim(id: string, options: ClaimOptions): Promise<InboxItem>;
  release(id: string, options: ReleaseOptions): Promise<InboxItem>;
  reassign(id: string, options: ReassignOptions): Promise<InboxItem>;
  comment(id: string, options: CommentOptions): Promise<InboxItem>;
  approve(id: string, options: ApproveOptions): Promise<InboxItem>;
  approveWithEdits(id: string, options: ApproveWithEditsOptions): Promise<InboxItem>;
  reject(id: string, options: RejectOptions): Promise<InboxItem>;
  /**
   * Completes decisions left `approving` by a process that died mid-decision, from the undo
   * log's record of the run, and reports what it found for each. Run it on a schedule.
   */
  recover(options?: RecoverOptions): Promise<RecoverResult>;
  /**
   * Records the item's decision and SLA breaches in `feedback` again (after a
   * `feedback_failed`): the outcome ids derive from the escalation, so what was recorded
   * before is a duplicate, never a second event. Throws what the recorder throws.
   */
  recordFeedback(id: string, options?: { abortSignal?: AbortSignal }): Promise<InboxOutcome[]>;
  /** Pending items past, or within `warnBeforeMs` of, a deadline. */
  due(options?: DueOptions): Promise<InboxPage<DueItem>>;
  /**
   * Starts a loop on the inbox clock that emits `sla_warning` / `sla_breached` once per item,
   * deadline and kind across every monitor on the store (at least once, with a stable event
   * id) and runs the priority's `onBreach` escalation path.
   */
  startSlaMonitor(options: SlaMonitorOptions): SlaMonitor;
}

const isFunction = (value: unknown) => typeof value === 'function';
const storeMethods = ['insert', 'get', 'getByTrace', 'update', 'append', 'list'];
const slaTargetSchema = z.strictObject({
  acknowledgeWithinMs: slaDurationMsSchema.optional(),
  decideWithinMs: slaDurationMsSchema.optional(),
  onBreach: z
    .strictObject({ moveToQueue: storableTextSchema.optional(), page: z.boolean().optional() })
    .optional(),
  calendar: z
    .custom<BusinessCalendar>(
      (value) => isFunction((value as BusinessCalendar | null)?.addBusinessTime),
      'Expected a business calendar (createBusinessCalendar)',
    )
    .optional(),
});

const optionsSchema = z.object({
  store: z.custom<InboxStore>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      storeMethods.every((method) => isFunction((value as Record<string, unknown>)[method])),
    { message: 'Expected an InboxStore' },
  ),
  clock: clockSchema.optional(),
  idGenerator: idGeneratorSchema.optional(),
  reviewers: z.object({ policy: z.unknown() }).optional(),
  sla: z.partialRecord(z.enum(inboxPriorities), slaTargetSchema).optional(),
  undoLog: z
    .custom<UndoLog>((value) => isFunction((value as UndoLog | null)?.run), 'Expected an UndoLog')
    .optional(),
  actions: z
    .array(
      z
        .object({
          name: storableTextSchema,
          input: z.custom<z.ZodType>(
            (value) => value instanceof z.ZodType,
            'Expected a zod schema',
          ),
        })
        .loose(),
    )
    .optional(),
  rails: z.array(z.object({ name: z.string().min(1) }).loose()).optional(),
  defaultLeaseMs: durationMsSchema.default(15 * 60 * 1000),
  feedback: z
    .custom<InboxFeedbackRecorder>(
      (value) => isFunction((value as InboxFeedbackRecorder | null)?.record),
      'Expected an outcome recorder (createOutcomeRecorder)',
    )
    .optional(),
  onFeedbackError: z.custom<InboxOptions['onFeedbackError']>(isFunction).optional(),
});

/**
 * Creates an inbox over `store`. Throws `invalid_input` for bad options and `invalid_policy`
 * (and the like, from `createRbacPolicy`) for bad reviewer policy data.
 */
export function createInbox(options: InboxOptions): Inbox {
  const parsed = parseInput(optionsSchema, options, 'inbox options');
  const actions = new Map<string, AnyActionDefinition>();
  for (const action of options.actions ?? []) {
    if (actions.has(action.name))
      throw new InvalidInputError({
        subject: 'inbox options',
        issues: [{ path: 'actions', message: `Duplicate action name '${action.name}'` }],
      });
    actions.set(action.name, action);
  }
  const policy = options.reviewers?.policy;
  const runtime: InboxRuntime = {
    store: validatedStore(options.store),
    clock: options.clock ?? systemClock,
    idGenerator: options.idGenerator ?? randomIdGenerator,
    policy:
      policy === undefined ? undefined : isRbacPolicy(policy) ? policy : createRbacPolicy(policy),
    sla: (parsed.sla ?? {}) as InboxRuntime['sla'],
    undoLog: options.undoLog,
    actions,
    rails: options.rails ?? [],
    defaultLeaseMs: parsed.defaultLeaseMs,
    feedback: options.feedback,
    onFeedbackError: options.onFeedbackError,
  };
  const getOptions = z.object({ abortSignal: abortSignalSchema.optional() }).optional();
  return {
    escalate: (input) => escalate(runtime, input),
    get: async (id, getOptionsInput) => {
      const escalationId = parseInput(storableTextSchema, id, 'escalation id');
      const read = parseInput(getOptions, getOptionsInput, 'get options');
      return loadItem(runtime, escalationId, read?.abortSignal);
    },
    list: (listOptions) => list(runtime, listOptions),
    claim: (id, claimOptions) => claim(runtime, id, claimOptions),
    release: (id, releaseOptions) => release(runtime, id, releaseOptions),
    reassign: (id, reassignOptions) => reassign(runtime, id, reassignOptions),
    comment: (id, commentOptions) => comment(runtime, id, commentOptions),
    approve: (id, approveOptions) => approve(runtime, id, approveOptions),
    approveWithEdits: (id, editOptions) => approveWithEdits(runtime, id, editOptions),
    reject: (id, rejectOptions) => reject(runtime, id, rejectOptions),
    recover: (recoverOptions) => recoverDecisions(runtime, recoverOptions),
    recordFeedback: async (id, recordOptions) => {
      const escalationId = parseInput(storableTextSchema, id, 'escalation id');
      const read = parseInput(getOptions, recordOptions, 'recordFeedback options');
      const item = await loadItem(runtime, escalationId, read?.abortSignal);
      return recordItemFeedback(runtime, item, read?.abortSignal);
    },
    due: (dueOptions) => due(runtime, dueOptions),
    startSlaMonitor: (monitorOptions) => startSlaMonitor(runtime, monitorOptions),
  };
}
