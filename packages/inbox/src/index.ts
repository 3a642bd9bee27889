// Approvals
export {
  createInboxApprovalVerifier,
  type InboxApprovalVerifierOptions,
} from './approval/create-inbox-approval-verifier';
// Errors
export { ActionNotRegisteredError } from './errors/action-not-registered-error';
export { AlreadyDecidedError } from './errors/already-decided-error';
export { EditRefusedError } from './errors/edit-refused-error';
export { EscalationNotFoundError } from './errors/escalation-not-found-error';
export { type InboxErrorCode, inboxErrorCodes } from './errors/inbox-error-codes';
export { InputHashMismatchError } from './errors/input-hash-mismatch-error';
export { LeaseHeldError } from './errors/lease-held-error';
export { MalformedItemError } from './errors/malformed-item-error';
export { ReviewerNotAuthorizedError } from './errors/reviewer-not-authorized-error';
// Feedback: what every decision teaches
export type {
  HumanDecisionOutcome,
  InboxFeedbackRecorder,
  InboxOutcome,
  SlaBreachedOutcome,
} from './feedback/decision-outcomes';
export type { FeedbackFailure } from './feedback/record-feedback';
// The inbox
export type {
  ClaimOptions,
  CommentOptions,
  ReassignOptions,
  ReleaseOptions,
} from './inbox/claims';
export { createInbox, type Inbox, type InboxOptions } from './inbox/create-inbox';
export type { ApproveOptions, ApproveWithEditsOptions, RejectOptions } from './inbox/decide';
export type { EscalateInput } from './inbox/escalate';
export type { SlaTarget } from './inbox/inbox-runtime';
export type { DueItem, DueOptions, InboxPage, ListOptions, SlaDeadline } from './inbox/list';
export type { RecoveredDecision, RecoverOptions, RecoverResult } from './inbox/recover-decisions';
export { inboxHumanActionKey, inboxIdempotencyKey } from './inbox/run-approved-action';
// Items and stores
export { diffInput } from './item/diff-input';
export {
  type HistoryEntry,
  historyEntrySchema,
  historyEntryTypes,
  type InboxDecision,
  type InboxItem,
  type InboxItemPatch,
  type InboxPriority,
  type InboxStatus,
  type InputChange,
  inboxDecisionSchema,
  inboxItemPatchFields,
  inboxItemPatchSchema,
  inboxItemSchema,
  inboxPriorities,
  inboxStatuses,
  type NewInboxItem,
  newInboxItemSchema,
  type ProposedAction,
} from './item/inbox-item';
// SLA monitor and calendars
export {
  type BusinessCalendar,
  type BusinessCalendarOptions,
  createBusinessCalendar,
} from './sla/create-business-calendar';
export { type SlaEvent, slaEventId } from './sla/sla-event';
export type { SlaMonitor, SlaMonitorOptions, SlaRoundSummary } from './sla/start-sla-monitor';
export type {
  InboxInsertResult,
  InboxItemUpdate,
  InboxStore,
  InboxStoreCallOptions,
  InboxStoreQuery,
  SlaEventClaim,
  SlaEventClaimResult,
  SlaEventKey,
} from './store/inbox-store';
export {
  type InboxStoreArguments,
  type InboxStoreMethod,
  inboxStoreArgumentSchemas,
  parseInboxStoreArguments,
} from './store/inbox-store-arguments';
export { createMemoryInboxStore } from './store/memory-inbox-store';
